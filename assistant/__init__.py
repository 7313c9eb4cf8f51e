"""The assistant: routes a question (lookup, retrieval, refuse) and composes a cited answer."""
