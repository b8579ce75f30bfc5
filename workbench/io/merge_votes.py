"""Merging votes and quotes: a mixin of ``io.merge._Plan``."""

import uuid as uuid_mod
from dataclasses import replace

from workbench.core import versions as vv
from workbench.core.merge_commands import PutEntity
from workbench.i18n import _
from workbench.io.merge_summary import Conflict


class VoteDecisions:
    """Needs from the plan: target, source, tv, sv, summary, label, run, report, relation,
    joined, and the versioned vote decisions."""

    def votes(self, only_missing=False):
        # Votes only go with their idea or session (their deletion travels with that one's),
        # so a vote missing here is added whenever its idea and session are here.
        if not only_missing:
            self._revive_votes()
        for vote in self.source.all("vote"):
            if self.target.get("intervention", vote.intervention_uuid) is None or \
                    self.target.get("session", vote.session_uuid) is None:
                continue  # its idea or session is deleted here
            alive_here = self.target.get("vote", vote.uuid) is not None
            relation = self.relation(vote.uuid) if vote.uuid in self.tv else None
            if relation in (vv.SAME, vv.OLDER):
                if alive_here or self.target.vote_for(vote.intervention_uuid, vote.session_uuid) is not None:
                    continue  # here already, or it lost to another row for the same idea and session
                # It went here with its idea, which has come back (an edit kept against the deletion).
                self.run(PutEntity("vote", vote, self.fresh(vote.uuid, self.sv.get(vote.uuid))))
                continue
            if relation == vv.NEWER and alive_here:
                self.run(PutEntity("vote", vote, self.sv.get(vote.uuid)))
                continue
            mine = self.target.vote_for(vote.intervention_uuid, vote.session_uuid)
            if mine is None:
                if self.target.get("vote", vote.uuid) is None:
                    self.run(PutEntity("vote", vote, self.sv.get(vote.uuid)))
                    self.summary.count_added("vote")
                continue
            if only_missing:
                continue
            best = max(mine.count, vote.count)
            if mine.uuid == vote.uuid:  # changed on both sides (or rows from before versions)
                if best != mine.count or relation == vv.CONCURRENT:
                    self.run(PutEntity("vote", replace(mine, count=best), self.joined(mine.uuid) if relation else None))
            else:
                self._one_vote_per_session(mine, vote, best)
            if mine.count != vote.count:
                item = self.target.get("intervention", vote.intervention_uuid)
                session = self.target.get("session", vote.session_uuid)
                self.report(Conflict(
                    "vote", _("Stemmen voor '{title}' in '{session}'").format(title=item.title, session=session.title),
                    self.label, _("verschillen: {ours} hier, {theirs} in de bron.").format(ours=mine.count,
                                                                                       theirs=vote.count),
                    _("Het hoogste aantal ({count}) is gebruikt; stemmen worden nooit dubbel geteld.")
                    .format(count=best)), vote.intervention_uuid, vote.session_uuid, mine.count, vote.count)

    def quotes(self, theme_map=None):
        for quote in self.source.all("quote"):
            mine = self.target.get("quote", quote.uuid)
            if self.target.get("tombstone", quote.uuid) is not None:
                continue
            linked = quote.intervention_uuid if self.target.get("intervention", quote.intervention_uuid or "") else None
            session = quote.session_uuid if self.target.get("session", quote.session_uuid or "") else None
            theme = (theme_map or {}).get(quote.theme_uuid, quote.theme_uuid)
            theme = theme if self.target.get("theme", theme or "") else None
            theirs = replace(quote, intervention_uuid=linked, session_uuid=session, theme_uuid=theme)
            relation = self.relation(quote.uuid)
            if relation in (vv.SAME, vv.OLDER):
                continue
            if relation == vv.NEWER or (relation == vv.CONCURRENT and (mine.text, mine.speaker) == (
                    quote.text, quote.speaker)):
                self.run(PutEntity("quote", theirs if relation == vv.NEWER else mine,
                                   self.as_brought_in(quote, theirs, self.sv.get(quote.uuid)) if relation == vv.NEWER
                                   else self.joined(quote.uuid)))
                continue
            if mine is None:
                self.run(PutEntity("quote", theirs, self.as_brought_in(quote, theirs, self.sv.get(quote.uuid))))
                self.summary.count_added("quote")
            elif (mine.text, mine.speaker) != (quote.text, quote.speaker):
                copy_uuid = str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f"workbench-merge/{quote.uuid}/{quote.text}"))
                if self.target.get("quote", copy_uuid) is None:
                    self.run(PutEntity("quote", replace(theirs, uuid=copy_uuid)))
                    self.report(Conflict("quote", _("Citaat '{text}'").format(text=mine.text[:40]), self.label,
                                         _("is in beide bestanden anders."), _("Beide versies zijn bewaard.")),
                                copy_uuid)
