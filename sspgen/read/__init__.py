"""The reading stage: YAML and Markdown files into plain trees with source positions."""
