"""`antre-survey --counter N`: the satisfaction survey (SKM) on a tablet facing the visitor."""
