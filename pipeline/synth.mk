# synth: filled in by its stage
