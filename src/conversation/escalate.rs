//! What happens when the safety check finds something: the crisis reply with contacts comes
//! first; the case is created (or marked) urgent with the exact words; flags are recorded for
//! a link worker; a denial gets a gentle word instead of the full crisis reply.

use crate::flow::engine::{Arg, State, Text};
use crate::safety::Assessment;
use crate::store::{self, Tx, cases, flags, people::Person};

use super::{Linkup, Outgoing, keys};

/// Message ids escalation uses besides each category's and contact's; every locale has them.
pub const MESSAGES: &[&str] = &["safety-flagged", "safety-denial"];

/// What escalation did.
pub(super) struct Escalated {
    pub replies: Vec<Outgoing>,
    /// A case this message created.
    pub new_case: Option<String>,
    /// The crisis category, if the case is now urgent.
    pub urgent: Option<String>,
}

/// The message id of a category's crisis words: `safety-self-harm` for `self_harm`.
pub fn reply_id(category: &str) -> String {
    format!("safety-{}", category.replace('_', "-"))
}

pub(super) struct Disclosure<'a> {
    pub person: &'a Person,
    pub state: &'a State,
    pub locale: &'a str,
    /// Exactly what the young person wrote.
    pub words: &'a str,
    pub assessment: &'a Assessment,
    /// Their open case, if any: id and reference.
    pub open_case: Option<(i64, String)>,
    /// The reference for a new case.
    pub reference: &'a str,
}

impl Linkup {
    pub(super) async fn escalate(
        &self,
        tx: &mut Tx<'_>,
        d: Disclosure<'_>,
        now: i64,
    ) -> Result<Escalated, store::Error> {
        let mut out = Escalated { replies: Vec::new(), new_case: None, urgent: None };
        let crisis = d.assessment.crisis();
        let case_id = match (&d.open_case, crisis) {
            (Some((id, reference)), Some(finding)) => {
                cases::mark_urgent(tx, *id, now).await?;
                tracing::warn!(reference = %reference, category = %finding.category, "URGENT: safeguarding disclosure on an open case; a link worker must see it now");
                Some(*id)
            }
            (None, Some(finding)) => {
                // Even mid-flow, with what is known so far: safeguarding does not wait for consent.
                let mut case = self.new_case(d.state, d.person, d.locale, d.reference, true, false, now);
                case.urgent = true;
                let id = cases::insert(tx, &case, now).await?;
                tracing::warn!(reference = %d.reference, category = %finding.category, "URGENT: safeguarding disclosure; new case at the top of the queue");
                out.new_case = Some(d.reference.to_string());
                Some(id)
            }
            (open, None) => open.as_ref().map(|(id, _)| *id),
        };
        for finding in &d.assessment.findings {
            flags::raise(tx, d.person.id, case_id, finding, d.words, Some(&d.state.step), now).await?;
        }
        tracing::info!(categories = ?d.assessment.categories(), urgent = crisis.is_some(), "safeguarding flags raised");
        let age_band = match d.state.answers.get(keys::AGE_BAND) {
            Some(crate::flow::engine::Answer::Choice { value }) => Some(value.as_str()),
            _ => None,
        };
        let locales = &self.content.locales;
        let contact_lines = |route: &str| -> String {
            self.content
                .safety
                .contacts
                .for_category(route, age_band)
                .iter()
                .map(|c| {
                    let text = Text::new(c.message.as_str())
                        .arg("number", Arg::Str(c.number.clone()))
                        .arg("keyword", Arg::Str(c.keyword.clone()));
                    format!("• {}", locales.render(d.locale, &text))
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        let plain = Outgoing::plain;
        if let Some(finding) = crisis {
            let words = [
                locales.render(d.locale, &Text::new(reply_id(&finding.category))),
                contact_lines(&finding.category),
                locales.render(d.locale, &Text::new("safety-flagged")),
            ];
            out.replies.push(plain(words.join("\n\n")));
            out.urgent = Some(finding.category.clone());
        } else if d.assessment.findings.iter().any(|f| f.denial) {
            let words = [locales.render(d.locale, &Text::new("safety-denial")), contact_lines("denial")];
            out.replies.push(plain(words.join("\n")));
        }
        Ok(out)
    }
}
