"""The vocabulary: the Turtle ontology, its generated Python mirror, ids, the export contract and errors."""
