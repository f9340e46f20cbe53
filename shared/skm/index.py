"""The satisfaction index (IKM) as Permen PANRB 14/2017 computes it.

For each element Ui: NRR = the sum of its answers / the number of respondents who answered
it (a skipped element counts for nobody). Each weighs 1/9 (the nine elements weigh the
same): weighted NRR = NRR / 9 and IKM = the sum of the weighted NRRs, on the 1-4 scale. The
index is converted to 25-100 by multiplying by 25 and graded:

    88.31 - 100.00  A  Sangat Baik        65.00 - 76.60  C  Kurang Baik
    76.61 -  88.30  B  Baik               25.00 - 64.99  D  Tidak Baik

Rounding: everything is computed on exact fractions (no float, no 0.111 weight); only the
converted value is rounded, once, half up to two decimals as the guideline prints it, and
the grade is read from that printed value (88.305 prints 88.31 and is an A). NRRs and the
IKM on the 1-4 scale are shown to three decimals, also half up. If some element has no
answer at all in a group, the IKM averages the elements that have answers (each weighs
1/k) and the group is marked incomplete.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from shared.skm.questionnaire import ELEMENT_CODES
from shared.skm.sample import minimum_sample


class Grade(enum.StrEnum):
    """Mutu pelayanan; its words are `grade.A`.. in shared.skm.words."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"


# The lowest converted value of each grade, best first.
GRADE_FLOORS = ((Grade.A, Decimal("88.31")), (Grade.B, Decimal("76.61")),
                (Grade.C, Decimal("65.00")), (Grade.D, Decimal("25.00")))
WEIGHT = Fraction(1, len(ELEMENT_CODES))


def round_half_up(value: Fraction, places: int) -> Decimal:
    """`value` rounded half up (away from zero for these positive values) to `places`."""
    scaled = value * 10**places
    return Decimal(math.floor(scaled + Fraction(1, 2))).scaleb(-places)


def converted(value: Fraction) -> Decimal:
    """A value on the 1-4 scale as the guideline prints it on 25-100: x 25, two decimals."""
    return round_half_up(value * 25, 2)


def grade_of(value: Decimal) -> Grade:
    """The grade of a converted (25-100) value as printed with two decimals."""
    for grade, floor in GRADE_FLOORS:
        if value >= floor:
            return grade
    return Grade.D


@dataclass(frozen=True)
class ElementScore:
    code: str  # U1..U9
    answered: int  # respondents who answered this element
    total: int  # the sum of their answers (1..4 each)

    @property
    def nrr(self) -> Fraction | None:
        return Fraction(self.total, self.answered) if self.answered else None

    @property
    def weighted(self) -> Fraction | None:
        nrr = self.nrr
        return None if nrr is None else nrr * WEIGHT

    @property
    def converted(self) -> Decimal | None:
        nrr = self.nrr
        return None if nrr is None else converted(nrr)

    @property
    def grade(self) -> Grade | None:
        value = self.converted
        return None if value is None else grade_of(value)


@dataclass(frozen=True)
class SkmIndex:
    """The index of one group (an agency, a counter or the whole MPP) over a period."""

    key: str
    label: str
    respondents: int
    population: int  # tickets served (done) in the period: the survey's population
    elements: tuple[ElementScore, ...]

    @property
    def minimum_sample(self) -> int:
        return minimum_sample(self.population)

    @property
    def below_sample(self) -> bool:
        return self.respondents < self.minimum_sample

    @property
    def complete(self) -> bool:
        return all(e.answered for e in self.elements)

    @property
    def ikm(self) -> Fraction | None:
        """The sum of weighted NRRs on the 1-4 scale (exact)."""
        nrrs = [e.nrr for e in self.elements if e.nrr is not None]
        if not nrrs:
            return None
        if len(nrrs) == len(ELEMENT_CODES):
            return sum((n * WEIGHT for n in nrrs), Fraction(0))
        return sum(nrrs, Fraction(0)) / len(nrrs)

    @property
    def converted(self) -> Decimal | None:
        ikm = self.ikm
        return None if ikm is None else converted(ikm)

    @property
    def grade(self) -> Grade | None:
        value = self.converted
        return None if value is None else grade_of(value)

    def weakest(self, count: int = 3) -> list[ElementScore]:
        """The elements with the lowest NRR (answered ones only), lowest first."""
        scored = [e for e in self.elements if e.nrr is not None]
        return sorted(scored, key=lambda e: (e.nrr, e.code))[:count]


def index_from_sums(
    key: str, label: str, *, respondents: int, population: int,
    answered: dict[str, int], totals: dict[str, int],
) -> SkmIndex:
    return SkmIndex(
        key=key,
        label=label,
        respondents=respondents,
        population=population,
        elements=tuple(
            ElementScore(code, answered.get(code, 0), totals.get(code, 0)) for code in ELEMENT_CODES
        ),
    )
