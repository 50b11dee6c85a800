"""A fictional but realistic demo cohort: 40 lay partners, 8 coaches, 8 Darzi Fellows, 6 managers.

Every name and organisation here is invented. The same call always builds the same people.
"""

from __future__ import annotations

import random

from lp_tui.domain.model import Cohort, Experience, Person, PresenterKind, Role, new_id

DEMO_NAME = "London Nov 2017 (demo)"
DEMO_DATES = ("2017-11-23", "2017-11-24", "2018-01-16")

_PARTICIPANTS = [
    "Adaeze Okafor",
    "Bernard Whitfield",
    "Carmen Delgado",
    "Darshan Mehta",
    "Eileen Walsh",
    "Farida Haddad",
    "Gordon McLeish",
    "Hyacinth Baptiste",
    "Imran Chaudhry",
    "Joan Pettigrew",
    "Kwame Asante",
    "Lorraine Fisher",
    "Marek Nowak",
    "Nadia Rahman",
    "Owen Pritchard",
    "Patience Mensah",
    "Quentin Hale",
    "Rosa Fernandes",
    "Sunil Varma",
    "Theresa Doyle",
    "Ugo Eze",
    "Valerie Lin",
    "Winston Campbell",
    "Xiu Ying Chen",
    "Yvonne Marsh",
    "Zainab Bello",
    "Alastair Rowe",
    "Bridget O'Connell",
    "Cyril Adeyemi",
    "Dorothy Kemp",
    "Efua Boateng",
    "Frank Moretti",
    "Grace Nwosu",
    "Harold Benson",
    "Iris Kowalczyk",
    "Jasmine Patel",
    "Keith Ormerod",
    "Leila Nasser",
    "Maureen Gallagher",
    "Neville Grant",
]
_ORGANISATIONS = [
    "Riverside CCG",
    "Northfield CCG",
    "Eastbrook CCG",
    "Westmere CCG",
    "St Aldric's Hospital NHS Foundation Trust",
    "Thameside Community Health NHS Trust",
    "Greenway Mental Health NHS Trust",
    "Hillcrest Surgery patient participation group",
    "Southbank Healthwatch",
    "North Central Sustainability and Transformation Partnership",
    "Riverside Cancer Alliance",
    "Lambeth Road Surgery patient participation group",
]
# Needs that call for a table marked accessible come first.
_ACCESSIBLE_TABLE_NEEDS = 2
_ACCESS_NEEDS = [
    "Wheelchair user: step-free table near the door",
    "Guide dog: space beside the table, water bowl",
    "Hearing aid: hearing loop, seat near the speaker",
    "Low vision: large-print papers, uses a screen magnifier",
    "Chronic fatigue: may need extra breaks",
    "Dyslexia: papers in advance, please",
    "Type 1 diabetes: may need to eat during sessions",
    "Anxiety in large groups: seat at the edge of the room",
]
_COACHES = [
    "Dr Miriam Ashworth",
    "Dr Tobias Ferreira",
    "Dr Anjali Rao",
    "Dr Colm Brennan",
    "Dr Helena Strand",
    "Dr Olusegun Adebayo",
    "Dr Catherine Yeo",
    "Dr Ravi Sundaram",
]
_DARZI_FELLOWS = [
    (
        "Dr Ellie Novak",
        "Reducing missed outpatient appointments for people with learning disabilities",
    ),
    ("Dr Samir Qureshi", "Same-day discharge letters that patients can read"),
    ("Dr Hannah Blake", "Joined-up care plans for frail older people"),
    ("Dr Tomasz Wójcik", "A sepsis pathway co-designed with families"),
    ("Dr Amara Obi", "Peer support for new parents on the neonatal unit"),
    ("Dr Lucy Hargreaves", "Cutting waiting times in the memory clinic"),
    ("Dr Dev Malhotra", "Transition from children's to adult diabetes services"),
    ("Dr Fiona Calder", "Social prescribing in three GP practices"),
]
_MANAGERS = [
    ("Janet Oyelaran", "Redesigning the musculoskeletal referral pathway"),
    ("Peter Lindqvist", "A new community mental health crisis line"),
    ("Sabrina Costa", "Moving outpatient follow-ups online"),
    ("Martin Okoro", "Merging two urgent treatment centres"),
    ("Claire Dunmore", "A discharge-to-assess model for the winter"),
    ("Rajesh Iyer", "Integrating social care records with the hospital"),
]


def demo_cohort(
    created_at: str, programme: str = "effective-lay-partner"
) -> tuple[Cohort, list[Person]]:
    """The demo cohort and its people."""
    rng = random.Random(2017)
    cohort = Cohort(
        id=new_id(), name=DEMO_NAME, programme=programme, dates=DEMO_DATES, created_at=created_at
    )
    people: list[Person] = []

    def add(name: str, role: Role, **details: object) -> None:
        people.append(Person(id=new_id(), cohort=cohort.id, name=name, role=role, **details))  # type: ignore[arg-type]

    experiences = [Experience.NEW] * 12 + [Experience.SOME] * 16 + [Experience.EXPERIENCED] * 12
    rng.shuffle(experiences)
    needs = dict(
        zip(rng.sample(range(len(_PARTICIPANTS)), len(_ACCESS_NEEDS)), _ACCESS_NEEDS, strict=True)
    )
    opted_in = set(rng.sample(range(len(_PARTICIPANTS)), 23))
    for index, name in enumerate(_PARTICIPANTS):
        add(
            name,
            Role.PARTICIPANT,
            organisation=rng.choice(_ORGANISATIONS),
            experience=experiences[index],
            access_needs=needs.get(index, ""),
            followup_call=index in opted_in,
            accessible_table=needs.get(index, "") in _ACCESS_NEEDS[:_ACCESSIBLE_TABLE_NEEDS],
        )
    for name in _COACHES:
        add(name, Role.COACH, organisation="Table coach (doctor, coaching-qualified)")
    for name, project in _DARZI_FELLOWS:
        add(
            name,
            Role.PRESENTER,
            presenter_kind=PresenterKind.DARZI_FELLOW,
            organisation="Darzi Fellowship in Clinical Leadership",
            project=project,
        )
    for name, project in _MANAGERS:
        add(
            name,
            Role.PRESENTER,
            presenter_kind=PresenterKind.MANAGER,
            organisation=rng.choice(_ORGANISATIONS[4:8]),
            project=project,
        )
    add("Prof Ruth Ellison", Role.FACILITATOR, organisation="Programme facilitator")
    add(
        "Sandra Achebe",
        Role.SUPPORT,
        organisation="Patient engagement lead: access needs and adjustments",
    )
    return cohort, people
