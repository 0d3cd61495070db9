# stats: filled in by its stage
