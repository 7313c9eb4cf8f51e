"""The calculator: numeric questions answered by a deterministic plan over the tidy tables, never a model."""
