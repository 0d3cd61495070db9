# transform: filled in by its stage
