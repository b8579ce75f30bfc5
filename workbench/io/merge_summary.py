"""What a merge reports: the conflicts it met and how it resolved them, and a summary
of what it added, updated and deleted, as Dutch lines."""

from dataclasses import dataclass, field

from workbench.i18n import _


@dataclass
class Conflict:
    kind: str
    title: str
    source: str
    what: str        # what happened, in Dutch
    resolution: str  # what the merge did about it, in Dutch
    key: str = ""    # the versions involved, so a later merge does not list it again

    def line(self) -> str:
        return _("{title} ({source}): {what} {resolution}").format(
            title=self.title, source=self.source, what=self.what, resolution=self.resolution)


@dataclass
class MergeSummary:
    sources: list = field(default_factory=list)
    added: dict = field(default_factory=dict)     # kind -> count
    updated: list = field(default_factory=list)   # Dutch lines
    deleted: list = field(default_factory=list)   # Dutch lines
    conflicts: list = field(default_factory=list)
    repeated: int = 0                             # conflicts listed by an earlier merge
    changes: int = 0                              # rows written
    notes: list = field(default_factory=list)     # Dutch lines on what was normalised in a source
    pushed: int = 0                                # rows a sync sent to the database
    renumbered: list = field(default_factory=list)  # (old number, where it was made, new number)

    def count_added(self, kind):
        self.added[kind] = self.added.get(kind, 0) + 1

    def pushed_line(self) -> str:
        """What a sync sent to the database, in one line."""
        sent = self.pushed
        return (_("Verstuurd: 1 rij.") if sent == 1 else _("Verstuurd: {count} rijen.")).format(count=sent)

    def renumbered_lines(self) -> list:
        """Dutch lines on the renumbered ideas, per origin and offset: a run whose old and new numbers
        both follow on in one line ("Ideeën 1–40 van Avond oost heten nu 41–80."), an
        origin whose ideas all moved by one offset but not as a run (its sessions' numbers
        interleaved) in one line too ("57 ideeën van Avond 1 heten nu 400 hoger (1 → 401,
        8 → 408, …)."): an evening that moved is one line, not forty."""
        origins = {}  # per origin and offset: one file's stretches each say theirs
        for old, origin, new in self.renumbered:
            origins.setdefault((origin, new - old), []).append((old, new))
        lines = []
        for (origin, _offset), pairs in origins.items():
            runs = []
            for old, new in pairs:
                if runs and runs[-1][1] + 1 == old and runs[-1][3] + 1 == new:
                    runs[-1][1], runs[-1][3] = old, new
                else:
                    runs.append([old, old, new, new])
            offsets = {new - old for old, new in pairs}
            if len(runs) > 2 and len(offsets) == 1:
                examples = ", ".join(f"{old} → {new}" for old, new in pairs[:2])
                lines.append(_("{count} ideeën van {origin} heten nu {offset} hoger ({examples}, …).").format(
                    count=len(pairs), origin=origin, offset=offsets.pop(), examples=examples))
                continue
            lines += [_("Idee {old} van {origin} heet nu {new}.").format(old=first, origin=origin, new=new_first)
                      if first == last else
                      _("Ideeën {first}–{last} van {origin} heten nu {new_first}–{new_last}.").format(
                          first=first, last=last, origin=origin, new_first=new_first, new_last=new_last)
                      for first, last, new_first, new_last in runs]
        return lines

    def lines(self) -> list:
        labels = {"intervention": (_("idee"), _("ideeën")), "session": (_("bijeenkomst"), _("bijeenkomsten")),
                  "theme": (_("thema"), _("thema's")), "goal": (_("doel"), _("doelen")),
                  "vote": (_("stem"), _("stemmen")), "quote": (_("citaat"), _("citaten")),
                  "quantity_kind": (_("soort hoeveelheid"), _("soorten hoeveelheden")),
                  "reference_layer": (_("referentielaag"), _("referentielagen")), "area": (_("gebied"), _("gebied")),
                  "underlay": (_("ondergrond"), _("ondergronden")),
                  "tombstone": (_("verwijdering"), _("verwijderingen")),
                  "verdict": (_("toetsing"), _("toetsingen")), "answer": (_("antwoord"), _("antwoorden"))}
        lines = [_("Samengevoegd: {files}.").format(files=", ".join(self.sources))]
        if not self.changes:
            lines.append(_("Er was niets nieuws; het project is niet gewijzigd."))
        added = [f"{count} {labels.get(kind, (kind, kind))[count != 1]}" for kind, count in self.added.items() if count]
        lines.append(_("Toegevoegd: {items}.").format(items=", ".join(added) if added else _("niets")))
        updated, deleted, renumbered = len(self.updated), len(self.deleted), len(self.renumbered)
        lines.append((_("Bijgewerkt: 1 idee.") if updated == 1 else _("Bijgewerkt: {count} ideeën."))
                     .format(count=updated))
        lines.append((_("Verwijderd: 1 idee.") if deleted == 1 else _("Verwijderd: {count} ideeën."))
                     .format(count=deleted))
        if renumbered:
            lines.append((_("Hernummerd: 1 idee (twee ideeën hadden hetzelfde nummer).") if renumbered == 1 else
                          _("Hernummerd: {count} ideeën (twee ideeën hadden hetzelfde nummer)."))
                         .format(count=renumbered))
        lines.append(_("Conflicten: {count}.").format(count=len(self.conflicts)))
        if self.repeated:
            lines.append(_("{count} conflicten waren al bij een eerdere samenvoeging gemeld en opgelost.")
                         .format(count=self.repeated))
        lines += ["- " + line for line in self.notes + self.updated + self.deleted + self.renumbered_lines()]
        lines += ["! " + conflict.line() for conflict in self.conflicts]
        return lines
