# report: filled in by its stage
