"""Organisations: profile validation against the reference lists, 统一社会信用代码 with its
check character, and duplicates refused with a clear message."""

from __future__ import annotations

import pytest

from assessment import services as svc
from assessment.services import Actor, Conflict, InvalidInput, PermissionDenied
from assessment.storage import Database

from .world import credit_code

OP = Actor.system("tests")
GOOD = {
    "name": "四川某某精密制造有限公司",
    "credit_code": credit_code(1),
    "region_code": "510104",
    "industry_code": "34",
    "size_class": "medium",
    "production_type": "discrete",
}


def test_org__valid_profile__registered_with_its_region_name(db: Database) -> None:
    org = svc.create_organisation(db, OP, **{**GOOD, "credit_code": GOOD["credit_code"].lower()})
    assert org.credit_code == GOOD["credit_code"] and org.region_name == "四川省 成都市 锦江区"
    assert org.profile().region == "510104"


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("credit_code", credit_code(1)[:-1] + ("0" if credit_code(1)[-1] != "0" else "1"), "check character"),
        ("credit_code", "91510100MA61", "18 characters"),
        ("credit_code", "91510100MA61IIIII0", "invalid character"),
        ("region_code", "510199", "no such county"),
        ("region_code", "990000", "no province"),
        ("region_code", "5101", "6 digits"),
        ("industry_code", "44", "not a manufacturing division"),
        ("industry_code", "abc", "GB/T 4754"),
        ("size_class", "huge", "size must be"),
        ("production_type", "batch", "production type must be"),
        ("name", "x", "2–200"),
    ],
)
def test_org__invalid_field__refused_with_a_clear_message(db: Database, field: str, value: str, words: str) -> None:
    with pytest.raises(InvalidInput) as info:
        svc.create_organisation(db, OP, **{**GOOD, field: value})
    assert words in str(info.value) and " / " in str(info.value)
    assert svc.list_organisations(db, OP) == []


def test_org__duplicate_credit_code__refused_clearly(db: Database) -> None:
    svc.create_organisation(db, OP, **GOOD)
    with pytest.raises(Conflict) as info:
        svc.create_organisation(db, OP, **{**GOOD, "name": "另一家公司"})
    assert "已登记" in str(info.value) and "already registered" in str(info.value) and GOOD["credit_code"] in str(info.value)
    assert len(svc.list_organisations(db, OP)) == 1


def test_org__enterprise_user__creates_its_own_organisation_once(db: Database) -> None:
    svc.create_user(db, OP, username="factory", password="a sound passphrase", role="enterprise")
    me = svc.authenticate(db, "factory", "a sound passphrase")
    org = svc.create_organisation(db, me, **GOOD)
    assert [o.id for o in svc.list_organisations(db, me)] == [org.id]
    with pytest.raises(PermissionDenied):
        svc.create_organisation(db, me, **{**GOOD, "credit_code": credit_code(2)})


def test_org__bureau__cannot_create(db: Database) -> None:
    svc.create_user(db, OP, username="bureau", password="a sound passphrase", role="bureau", jurisdiction="510100")
    with pytest.raises(PermissionDenied):
        svc.create_organisation(db, svc.authenticate(db, "bureau", "a sound passphrase"), **GOOD)


def test_org__update__validated_and_audited(db: Database) -> None:
    org = svc.create_organisation(db, OP, **GOOD)
    with pytest.raises(InvalidInput):
        svc.update_organisation(db, OP, org.id, region_code="000000")
    with pytest.raises(InvalidInput):
        svc.update_organisation(db, OP, org.id, credit_code=credit_code(3))
    assert svc.update_organisation(db, OP, org.id, size_class="large").size_class == "large"
    log = svc.account_log(db, OP)
    assert log[0].action == "organisation.update" and log[0].detail == {"size_class": ["medium", "large"]}
