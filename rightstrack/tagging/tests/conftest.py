"""Labelled recommendations for the tagging tests: enough UN-labelled texts (SDG goals 4, 5 and 16) for a
retraining to measure itself on held-out folds."""

from __future__ import annotations

from typing import Any

import pytest

from rightstrack.recommendations.models import Recommendation, SdgGoal
from rightstrack.recommendations.services import recommendation_create

TEXTS = {
    4: [
        "Ensure free and compulsory primary education for all children",
        "Increase enrolment of girls in secondary schools in rural areas",
        "Improve the quality of teacher training and school infrastructure",
        "Guarantee access to education for children of ethnic minorities",
        "Expand vocational training and literacy programmes for adults",
        "Reduce school dropout rates among children in mountainous provinces",
        "Provide scholarships for poor students to attend university",
        "Integrate inclusive education for children with disabilities in schools",
    ],
    5: [
        "Eliminate discrimination against women in employment and pay",
        "Combat domestic violence against women and girls",
        "Increase the participation of women in political decision-making",
        "Prevent child marriage and forced marriage of girls",
        "Ensure equal inheritance and land rights for women",
        "Strengthen measures against sexual harassment of women in the workplace",
        "Promote gender equality in leadership positions of state agencies",
        "Provide shelters and legal aid for women victims of violence",
    ],
    16: [
        "Guarantee the independence of the judiciary and fair trial rights",
        "Combat corruption in public administration and the police",
        "Ensure birth registration for every child and access to legal identity",
        "Reduce pre-trial detention and guarantee access to a lawyer",
        "Strengthen the rule of law and access to justice for the poor",
        "Prevent torture and ill-treatment in places of detention",
        "Protect the freedom of expression of journalists and end impunity",
        "Establish a national human rights institution in line with the Paris Principles",
    ],
}


def make_labelled(world: Any, per_goal: int = 8) -> list[Recommendation]:
    """``per_goal`` recommendations kept nationally for each of SDG 4, 5 and 16, labelled with that goal."""
    made = []
    for goal, texts in TEXTS.items():
        for i, text in enumerate(texts[:per_goal]):
            made.append(
                recommendation_create(
                    actor=world.users["secretariat"],
                    owner=world.national,
                    mechanism="UPR",
                    session="TAG",
                    number=f"{goal}.{i}",
                    text=text,
                    sdg_goals=[SdgGoal.objects.get(number=goal)],
                )
            )
    return made


@pytest.fixture
def labelled(recommendations: Any, world: Any) -> list[Recommendation]:
    return make_labelled(world)
