"""Loaders: documents in, contract-shaped facts with evidence out.

`loaders.documents` finds, reads and cleans documents; `loaders.extract.Extractor`
turns one into its graph. Import them from their modules: importing this package
alone must not load spaCy, so the API starts quickly.
"""
