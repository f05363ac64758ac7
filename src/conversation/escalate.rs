//! What happens when the safety check finds something: the crisis reply with contacts comes
//! first; the case is created (or marked) urgent with the exact words; flags are recorded for
//! a link worker; a denial gets a gentle word instead of the full crisis reply; when unsure,
//! the direct question is asked (and the young person's answer to it is applied here too).

use crate::flow::Raise;
use crate::flow::engine::{Answer, State};
use crate::message::{Arg, Text};
use crate::safety::{Assessment, Finding, Level, Tier};
use crate::store::{self, Tx, cases, flags, people::Person};

use super::{Linkup, Outgoing, keys};

/// Message ids escalation uses besides each category's and contact's; every locale has them.
pub const MESSAGES: &[&str] = &["safety-flagged", "safety-denial", "safety-noted", "safety-review", IN_ENGLISH];

/// Said after the contacts in a language other than English: the helplines speak English.
const IN_ENGLISH: &str = "contacts-in-english";

/// What escalation did.
pub(super) struct Escalated {
    pub replies: Vec<Outgoing>,
    /// A case this message created.
    pub new_case: Option<String>,
    /// The crisis category, if the case is now urgent.
    pub urgent: Option<String>,
    /// The category to ask the direct question about.
    pub ask: Option<String>,
}

/// The message id of a category's crisis words: `safety-self-harm` for `self_harm`.
pub fn reply_id(category: &str) -> String {
    format!("safety-{}", category.replace('_', "-"))
}

pub(super) struct Disclosure<'a> {
    pub person: &'a Person,
    pub state: &'a State,
    /// The question they were on (recorded with each flag).
    pub step: &'a str,
    pub locale: &'a str,
    /// Exactly what the young person wrote.
    pub words: &'a str,
    pub assessment: &'a Assessment,
    /// Their open case, if any: id and reference.
    pub open_case: Option<(i64, String)>,
    /// The reference for a new case.
    pub reference: &'a str,
    /// Whether the flow can ask the direct question now (not after the hand-off, nor while
    /// a link worker is in contact: then a flag is raised for them instead).
    pub can_ask: bool,
    pub now: i64,
}

impl Linkup {
    pub(super) async fn escalate(&self, tx: &mut Tx<'_>, d: Disclosure<'_>) -> Result<Escalated, store::Error> {
        let mut out = Escalated { replies: Vec::new(), new_case: None, urgent: None, ask: None };
        let crisis = d.assessment.crisis();
        let case_id = match (&d.open_case, crisis) {
            (Some((id, reference)), Some(finding)) => {
                cases::mark_urgent(tx, *id, d.now).await?;
                tracing::warn!(reference = %reference, category = %finding.category, tier = finding.tier.as_str(), "URGENT: safeguarding disclosure on an open case; a link worker must see it now");
                Some(*id)
            }
            (None, Some(finding)) => {
                // Even mid-flow, with what is known so far: safeguarding does not wait for consent.
                let id = self.open_case_now(tx, &d, true).await?;
                tracing::warn!(reference = %d.reference, category = %finding.category, tier = finding.tier.as_str(), "URGENT: safeguarding disclosure; new case at the top of the queue");
                out.new_case = Some(d.reference.to_string());
                Some(id)
            }
            // Unsure and not asked again (asked about lately): a link worker looks, so there
            // must be a case for them to see, even mid-flow.
            (None, None) if d.assessment.unsure.is_some() && !d.can_ask => {
                out.new_case = Some(d.reference.to_string());
                Some(self.open_case_now(tx, &d, false).await?)
            }
            (open, None) => open.as_ref().map(|(id, _)| *id),
        };
        for finding in &d.assessment.findings {
            let words = finding.recent.as_deref().unwrap_or(d.words);
            flags::raise(tx, d.person.id, case_id, finding, words, Some(d.step), d.now).await?;
            crate::metrics::safety_flag(&finding.category, finding.tier);
        }
        if let Some(unsure) = d.assessment.unsure.as_ref().filter(|_| crisis.is_none()) {
            // Recorded either way: asked, the answer goes beside it; not asked, a link worker looks.
            let finding = Finding {
                category: unsure.category.clone(),
                level: Level::Concern,
                rule: if d.can_ask { "asked" } else { "unsure" }.into(),
                matched: unsure.matched.clone(),
                denial: false,
                tier: unsure.tier,
                score: Some(unsure.score),
                recent: None,
            };
            let words = unsure.recent.as_deref().unwrap_or(d.words);
            flags::raise(tx, d.person.id, case_id, &finding, words, Some(d.step), d.now).await?;
            crate::metrics::safety_flag(&finding.category, finding.tier);
            if d.can_ask {
                out.ask = Some(unsure.category.clone());
            }
        }
        tracing::info!(categories = ?d.assessment.categories(), urgent = crisis.is_some(), asked = out.ask.is_some(), "safeguarding flags raised");
        if let Some(finding) = crisis {
            out.replies.push(self.crisis_reply(&finding.category, d.state, d.locale, d.now));
            out.urgent = Some(finding.category.clone());
        } else if d.assessment.findings.iter().any(|f| f.denial) {
            out.replies.push(self.gentle_reply("safety-denial", d.state, d.locale));
        }
        Ok(out)
    }

    /// An answer to a direct safety question (the flow's `ask` step, or a question step with
    /// flagged options): recorded beside what was asked; a yes is a crisis, "rather not say"
    /// or no answer puts the case in front of a link worker.
    pub(super) async fn safeguard(
        &self,
        tx: &mut Tx<'_>,
        d: Disclosure<'_>,
        category: &str,
        raise: Raise,
        answer: &str,
        step: &str,
    ) -> Result<Escalated, store::Error> {
        let was_asked = flags::answer(tx, d.person.id, category, answer).await?;
        let label = format!("{step}: {answer}");
        let finding = |level| Finding {
            category: category.to_string(),
            level,
            rule: label.clone(),
            matched: answer.to_string(),
            denial: false,
            tier: Tier::Question,
            score: None,
            recent: None,
        };
        match raise {
            Raise::Urgent => {
                let assessment = Assessment { findings: vec![finding(Level::Crisis)], unsure: None };
                self.escalate(tx, Disclosure { assessment: &assessment, can_ask: false, ..d }).await
            }
            Raise::Review => {
                let mut out = Escalated { replies: Vec::new(), new_case: None, urgent: None, ask: None };
                let case_id = match &d.open_case {
                    Some((id, _)) => *id,
                    None => {
                        out.new_case = Some(d.reference.to_string());
                        self.open_case_now(tx, &d, false).await?
                    }
                };
                if was_asked {
                    flags::attach(tx, d.person.id, case_id).await?;
                } else {
                    flags::raise(
                        tx,
                        d.person.id,
                        Some(case_id),
                        &finding(Level::Concern),
                        d.words,
                        Some(d.step),
                        d.now,
                    )
                    .await?;
                    crate::metrics::safety_flag(category, Tier::Question);
                }
                tracing::warn!(reference = %d.open_case.as_ref().map_or(d.reference, |(_, r)| r.as_str()), category, "safeguarding: no clear answer to a direct question; a link worker should look");
                out.replies.push(self.gentle_reply("safety-review", d.state, d.locale));
                Ok(out)
            }
            Raise::Noted => Ok(Escalated {
                replies: vec![self.gentle_reply("safety-noted", d.state, d.locale)],
                new_case: None,
                urgent: None,
                ask: None,
            }),
        }
    }

    /// A case now, with what is known so far (a partial hand-off without consent), urgent or
    /// only flagged.
    async fn open_case_now(&self, tx: &mut Tx<'_>, d: &Disclosure<'_>, urgent: bool) -> Result<i64, store::Error> {
        let mut case = self.new_case(d.state, d.person, d.locale, d.reference, true, false, d.now);
        case.urgent = urgent;
        case.shared_without_consent = Some(cases::SAFEGUARDING.into());
        let id = cases::insert(tx, &case, d.now).await?;
        flags::attach(tx, d.person.id, id).await?;
        Ok(id)
    }

    /// The category's calm words, its contacts for the person's age, and an honest line about
    /// when a link worker will read it.
    pub(super) fn crisis_reply(&self, category: &str, state: &State, locale: &str, now: i64) -> Outgoing {
        let locales = &self.content.locales;
        let mut flagged = Text::new("safety-flagged");
        for (name, value) in self.duty.at(now).args() {
            flagged = flagged.arg(&name, value);
        }
        let words = [
            locales.render(locale, &Text::new(reply_id(category))),
            self.contact_lines(category, state, locale),
            locales.render(locale, &flagged),
        ];
        Outgoing::plain(words.join("\n\n"))
    }

    /// A gentle line and the contacts for it (a denial, a "no" or "rather not say").
    fn gentle_reply(&self, message: &str, state: &State, locale: &str) -> Outgoing {
        let words =
            [self.content.locales.render(locale, &Text::new(message)), self.contact_lines("denial", state, locale)];
        Outgoing::plain(words.join("\n"))
    }

    /// The contacts for a route (a crisis category, or `denial`), filtered by age band.
    fn contact_lines(&self, route: &str, state: &State, locale: &str) -> String {
        let age_band = match state.answers.get(keys::AGE_BAND) {
            Some(Answer::Choice { value }) => Some(value.as_str()),
            _ => None,
        };
        let locales = &self.content.locales;
        let mut lines: Vec<String> = self
            .content
            .safety
            .contacts
            .for_category(route, age_band, locale)
            .iter()
            .map(|c| {
                let text = Text::new(c.message.as_str())
                    .arg("number", Arg::Str(c.number.clone()))
                    .arg("keyword", Arg::Str(c.keyword.clone()));
                format!("• {}", locales.render(locale, &text))
            })
            .collect();
        // The helplines speak English: said in the young person's language, if it is another.
        if !locale.starts_with("en") {
            lines.push(locales.render(locale, &Text::new(IN_ENGLISH)));
        }
        lines.join("\n")
    }
}
