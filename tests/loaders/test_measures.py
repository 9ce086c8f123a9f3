"""How a document's measure references become measure nodes (loaders.measures), on references built by hand."""

from __future__ import annotations

from loaders.measures import MeasureRef, resolve
from ontology.terms import MeasureKind

CONTROL = MeasureKind.EXPORT_CONTROL


def test_a_generic_wording_joins_the_instrument_it_shares_goods_with_not_every_instrument() -> None:
    tin = MeasureRef(CONTROL, "Order No. 3", 0, 10, instrument="Order No. 3", covers=["element:sn"])
    zinc = MeasureRef(CONTROL, "Order No. 4", 20, 30, instrument="Order No. 4", covers=["element:zn"])
    curbs = MeasureRef(CONTROL, "curbs on tin", 40, 52, covers=["element:sn"])
    resolve([tin, zinc, curbs], "note")
    assert curbs.resolved == tin.resolved


def test_a_generic_wording_sharing_nothing_joins_every_compatible_instrument() -> None:
    first = MeasureRef(CONTROL, "Order No. 3", 0, 10, instrument="Order No. 3")
    second = MeasureRef(CONTROL, "Order No. 4", 20, 30, instrument="Order No. 4")
    controls = MeasureRef(CONTROL, "the new controls", 40, 56)
    resolve([first, second, controls], "note")
    assert controls.resolved == first.resolved + second.resolved


def test_one_documents_suspensions_of_one_measure_by_one_state_are_one_node() -> None:
    base = MeasureRef(CONTROL, "Order No. 3", 0, 10, instrument="Order No. 3", issuer_state="entity:cn")
    by_state = MeasureRef(MeasureKind.SUSPENSION, "suspension", 20, 30, issuers=["entity:cn"], issuer_state="entity:cn")
    by_ministry = MeasureRef(
        MeasureKind.SUSPENSION, "suspension", 40, 50, issuers=["ministry:cn-mofcom"], issuer_state="entity:cn"
    )
    by_state.change = by_ministry.change = ("suspension", base)
    resolve([base, by_state, by_ministry], "note")
    assert by_state.resolved == by_ministry.resolved != base.resolved


def test_a_bare_head_is_a_measure_of_its_own_document_only() -> None:
    first = MeasureRef(MeasureKind.TARIFF, "tariffs", 0, 7, used=True)
    second = MeasureRef(MeasureKind.TARIFF, "tariffs", 0, 7, used=True)
    named = MeasureRef(MeasureKind.TARIFF, "tariffs on steel", 0, 16, used=True)
    again = MeasureRef(MeasureKind.TARIFF, "tariffs on steel", 0, 16, used=True)
    resolve([first, named], "one")
    resolve([second, again], "two")
    assert first.resolved != second.resolved
    assert named.resolved == again.resolved


def test_a_dated_anaphor_dates_the_measure_it_points_back_to_and_makes_no_node_of_its_own() -> None:
    controls = MeasureRef(CONTROL, "export controls", 0, 15, issuer_state="entity:cn", used=True)
    rule = MeasureRef(MeasureKind.OTHER, "the rule", 40, 48, anaphor=True, announced="2025-04-04")
    resolve([controls, rule], "note")
    assert controls.announced == "2025-04-04"
    assert controls.resolved == ["measure:cn-export-control-2025-04-04"]
    assert rule.resolved == controls.resolved


def test_a_generic_wording_joins_the_change_of_its_kind_unless_it_was_only_proposed() -> None:
    base = MeasureRef(MeasureKind.TARIFF, "the duty", 0, 8, issuer_state="entity:pe", used=True)
    cut = MeasureRef(MeasureKind.TARIFF, "cut the duty", 0, 12, issuers=["entity:pe"], change=("easing", base))
    echo = MeasureRef(MeasureKind.TARIFF, "the duty cut", 30, 42)
    echo.used = True
    threat = MeasureRef(MeasureKind.TARIFF, "a tariff on wine", 50, 66, status="proposed", used=True)
    resolve([base, cut, echo, threat], "note")
    assert echo.resolved == cut.resolved
    assert threat.resolved and threat.resolved != cut.resolved
