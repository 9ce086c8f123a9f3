"""The benchmark harness of `make bench`: every figure a ratio against a baseline measured in the same run.

Modules: `generator` (synthetic contract-shaped graphs), `figures` (a row,
its verdict, side-by-side timing), one module per family of rows
(`extraction`, `neo4j_writes`, `traversal`, `embedded`, `api_load`,
`export`), `stores` (opening the stores and a throwaway Neo4j), `probe` (run
in a fresh process to measure memory), `report` (docs/benchmarks.json and
.md) and `run` (the whole run). It calls only public APIs of the project.
"""
