//! Wellbeing check-ins' pictures and reminders: the chart of a young person's scores
//! ([`Linkup::trend`]), sent when the check-in flow (`flows/checkin.toml`, run in
//! [`super::side`]) asks for it, and the reminders ([`Linkup::remind`]) whose buttons start it.

use super::{Attachment, Delivery, Linkup, Outgoing};
use crate::chart;
use crate::message::{Arg, Text};
use crate::store;
use crate::store::Tx;
use crate::store::cases::Status;
use crate::store::checkins as stored;
use crate::store::people::Person;

/// Message ids used here (and the check-in's questions' heading); every locale has them.
pub const MESSAGES: &[&str] = &[
    "checkin-progress",
    "checkin-chart",
    "checkin-chart-nothing",
    "chart-title",
    "chart-note-higher",
    "chart-note-lower",
    IN_ENGLISH,
];

/// Said under a measure's validated question where it is asked in English (no official
/// translation in the young person's language).
pub const IN_ENGLISH: &str = "measure-in-english";

impl Linkup {
    fn instrument(&self, id: &str) -> Option<&crate::measures::Instrument> {
        self.content.measures.instruments.get(id)
    }

    /// The chart of the person's scores as a picture (or, if it cannot be drawn, words saying
    /// there is nothing to show).
    pub(super) async fn chart_reply(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        locale: &str,
        now: i64,
    ) -> Result<Outgoing, store::Error> {
        let words = |id: &str| self.content.locales.render(locale, &Text::new(id));
        let case = stored::case_for(tx, person.id).await?;
        let points = match case {
            Some((case, _)) => stored::history(&mut **tx, case).await?,
            None => vec![],
        };
        let png = self.trend(&points, locale).and_then(|c| match chart::png(&c) {
            Ok(png) => Some(png),
            Err(e) => {
                tracing::warn!(error = %e, "could not draw a chart");
                None
            }
        });
        let Some(png) = png else { return Ok(Outgoing::plain(words("checkin-chart-nothing"))) };
        Ok(Outgoing {
            attachment: Some(Attachment::png(format!("linkup-chart-{}.png", crate::time::date(now)), png)),
            ..Outgoing::plain(words("checkin-chart"))
        })
    }

    /// The chart of a case's scores on the check-in measure, in `locale`'s words: one line per
    /// item, or the total for an instrument scored as a whole. `None` with nothing to draw.
    pub fn trend(&self, points: &[stored::Point], locale: &str) -> Option<chart::Chart> {
        let locales = &self.content.locales;
        let measure = &self.config.checkins.measure;
        let instrument = self.instrument(measure)?;
        let points: Vec<&stored::Point> = points.iter().filter(|p| &p.measure == measure).collect();
        if points.is_empty() {
            return None;
        }
        let name = |item: &crate::measures::Item| match &item.short {
            Some(id) => locales.render(locale, &Text::new(id.as_str())),
            None => item.label.clone(),
        };
        let (series, y) = if let (Some(scoring), Some(range)) = (&instrument.scoring, instrument.total_range()) {
            // One total per occasion: the hand-off's answers, then each check-in's, dated by
            // when each was answered.
            let answers: Vec<_> =
                points.iter().map(|p| ((p.checkin_id, p.recorded_at), p.item.as_str(), p.score)).collect();
            let totals = instrument.totals(&answers).into_iter().map(|((_, at), t)| (at, t)).collect();
            (vec![chart::Series { name: scoring.label.clone(), points: totals }], range)
        } else {
            let series = instrument
                .items
                .iter()
                .map(|item| chart::Series {
                    name: name(item),
                    points: points
                        .iter()
                        .filter(|p| p.item == item.id)
                        .map(|p| (p.recorded_at, p.score as f64))
                        .collect(),
                })
                .filter(|s| !s.points.is_empty())
                .collect();
            (series, (f64::from(instrument.min), f64::from(instrument.max)))
        };
        let lower: Vec<String> = instrument
            .items
            .iter()
            .filter(|i| !i.higher_is_better && points.iter().any(|p| p.item == i.id) && instrument.scoring.is_none())
            .map(name)
            .collect();
        let note = if lower.is_empty() {
            Text::new("chart-note-higher")
        } else {
            Text::new("chart-note-lower").arg("items", Arg::Str(lower.join(", ")))
        };
        Some(chart::Chart {
            title: locales.render(locale, &Text::new("chart-title")),
            y_min: y.0,
            y_max: y.1,
            note: Some(locales.render(locale, &note)),
            series,
        })
    }

    /// Sends the check-in reminders due at `now`. Safe on several replicas at once: each
    /// reminder is claimed by moving its schedule on, in the transaction that queues it.
    pub async fn remind(&self, now: i64) -> Result<Reminded, store::Error> {
        let mut done = Reminded::default();
        let quiet = self.plan.quiet.contains(now);
        for due in stored::due(&self.store.pool, now, 500).await? {
            let mut tx = self.store.begin().await?;
            if due.erased_at.is_some() || due.case_status == Status::Deleted || due.consent_withdrawn_at.is_some() {
                stored::end(&mut tx, due.id, now).await?;
                tx.commit().await?;
                done.ended += 1;
                continue;
            }
            if quiet {
                let at = self.plan.quiet.next_allowed(now);
                if stored::advance(&mut tx, due.id, due.next_at, Some(at), false, now).await? {
                    done.deferred += 1;
                }
                tx.commit().await?;
                continue;
            }
            let next = self.plan.after(due.next_at, now, due.until_at);
            // Paused or blocked: this one is skipped, not held back to arrive late.
            let silent = due.paused_at.is_some() || due.unreachable != 0;
            if !stored::advance(&mut tx, due.id, due.next_at, next, !silent, now).await? {
                // Another replica took it.
                continue;
            }
            if silent {
                tx.commit().await?;
                done.skipped += 1;
                continue;
            }
            let locale = self.content.locales.known(&due.locale);
            let reminder = self.reminder(&locale, now);
            let delivery = Delivery::outbox(&due.chat);
            super::send_all(&mut tx, due.person_id, &due.channel, &reminder, delivery, None, now).await?;
            tx.commit().await?;
            done.sent += 1;
        }
        crate::metrics::reminders_sent(done.sent);
        if done != Reminded::default() {
            tracing::info!(
                sent = done.sent,
                deferred = done.deferred,
                skipped = done.skipped,
                ended = done.ended,
                "check-in reminders"
            );
        }
        Ok(done)
    }
}

/// What one round of reminders did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reminded {
    /// Queued for the young person.
    pub sent: u32,
    /// Due in quiet hours: moved to when they end.
    pub deferred: u32,
    /// Not sent because the young person paused messages or blocked the bot; the next is set.
    pub skipped: u32,
    /// Schedules ended because the data was deleted or consent taken back.
    pub ended: u32,
}
