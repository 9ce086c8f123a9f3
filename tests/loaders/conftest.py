"""What the extraction tests share: one extractor, since building its pipeline is the slow part."""

from __future__ import annotations

import pytest

from loaders.extract import Extractor


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor()
