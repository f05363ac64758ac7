//! Wellbeing check-ins in the chat: `/checkin` or a reminder's button starts one, the
//! instrument's questions are asked one by one (buttons, or a typed number), the answers are
//! stored as the case's scores, and "See my chart" sends the trend as a picture. Also the
//! reminders themselves ([`Linkup::remind`]) and their "not now" and "stop" buttons.

use super::{Attachment, Delivery, Handled, Linkup, OutButton, Outgoing};
use crate::chart;
use crate::command::{Parsed, Slash};
use crate::intent::typed::{self, Candidate, Question, Reading};
use crate::intent::{self, Incoming, normalise};
use crate::measures::{Instrument, Item};
use crate::message::{Arg, Text};
use crate::store::cases::Status;
use crate::store::checkins::{self as stored, Open};
use crate::store::people::Person;
use crate::store::{self, Tx};

/// Message ids used here; every locale has them.
pub const MESSAGES: &[&str] = &[
    "checkin-reminder",
    "btn-checkin-now",
    "btn-checkin-later",
    "btn-checkin-stop",
    "btn-checkin-chart",
    "checkin-progress",
    "checkin-done",
    "checkin-snoozed",
    "checkin-stopped",
    "checkin-no-case",
    "checkin-not-for-age",
    "checkin-ended",
    "checkin-chart",
    "checkin-chart-nothing",
    "chart-title",
    "chart-note-higher",
    "chart-note-lower",
];

/// How long a started check-in stays open for answers.
const OPEN_MS: i64 = 24 * 3_600_000;

/// A check-in request handled here rather than by the flow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Request {
    /// `/checkin` (`by_reminder` false) or a reminder's "Yes".
    Start {
        by_reminder: bool,
    },
    Snooze,
    Stop,
    Chart,
    Answer {
        checkin: i64,
        item: String,
        score: u8,
    },
}

pub(super) const START: &str = "#checkin|start";
const SNOOZE: &str = "#checkin|snooze";
const STOP: &str = "#checkin|stop";
pub(super) const CHART: &str = "#checkin|chart";
const ANSWER: &str = "#ci|";

/// The score an answer button stands for, for a transcript that shows an old button pressed
/// again: "#ci|1|happy|7" is "7".
pub(super) fn answer_label(payload: &str) -> Option<String> {
    payload.strip_prefix(ANSWER)?.rsplit('|').next().map(str::to_string)
}

pub(super) fn request(incoming: &Incoming, command: Option<&Parsed>) -> Option<Request> {
    match incoming {
        Incoming::Text(_) => {
            (command.and_then(Parsed::slash) == Some(Slash::Checkin)).then_some(Request::Start { by_reminder: false })
        }
        Incoming::Press(p) => match p.as_str() {
            START => Some(Request::Start { by_reminder: true }),
            SNOOZE => Some(Request::Snooze),
            STOP => Some(Request::Stop),
            CHART => Some(Request::Chart),
            _ => {
                let mut parts = p.strip_prefix(ANSWER)?.split('|');
                let checkin = parts.next()?.parse().ok()?;
                let item = parts.next()?.to_string();
                let score = parts.next()?.parse().ok()?;
                Some(Request::Answer { checkin, item, score })
            }
        },
        _ => None,
    }
}

impl Linkup {
    fn instrument(&self, id: &str) -> Option<&Instrument> {
        self.content.measures.instruments.get(id)
    }

    /// A typed number (or a response's words) while a check-in is open: the answer to the
    /// question it is on.
    pub(super) async fn typed_answer(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        text: &str,
        locale: &str,
        now: i64,
    ) -> Result<Option<Request>, store::Error> {
        let said = normalise(text);
        if said.is_empty() || said.len() > 40 {
            return Ok(None);
        }
        let Some(open) = stored::open(tx, person.id, now - OPEN_MS).await? else { return Ok(None) };
        let Some(instrument) = self.instrument(&open.measure) else { return Ok(None) };
        let answered = stored::answered(tx, open.id).await?;
        let Some(item) = next_item(instrument, &open, &answered).map(|i| i.id.clone()) else { return Ok(None) };
        // Read as the flow's questions are: "six", "like a 6", "6/10"; or a response's words.
        let locales = &self.content.locales;
        let scores = instrument.min..=instrument.max;
        let (question, candidates): (_, Vec<Candidate>) = if instrument.responses.is_empty() {
            let numbers = scores.map(|n| Candidate { payload: n.to_string(), label: n.to_string(), also: vec![] });
            (Question::Scale { min: instrument.min, max: instrument.max }, numbers.collect())
        } else {
            let responses = instrument.responses.iter().zip(scores).map(|(id, n)| Candidate {
                payload: n.to_string(),
                label: locales.render(locale, &Text::new(id.as_str())),
                also: vec![],
            });
            (Question::Direct, responses.collect())
        };
        // A number is the score itself, not a button's number, as the check-in has always read it.
        let by_number = said.parse::<u8>().ok().filter(|n| (instrument.min..=instrument.max).contains(n));
        let score =
            by_number.or_else(|| match typed::read(text, question, &candidates, &intent::words(locales, locale)) {
                Reading::Sure(p) => p.first().and_then(|p| p.parse::<u8>().ok()),
                Reading::Guess { .. } | Reading::Nothing => None,
            });
        Ok(score.map(|score| Request::Answer { checkin: open.id, item, score }))
    }

    /// Handles a check-in request and commits.
    pub(super) async fn checkin(
        &self,
        mut tx: Tx<'_>,
        request: Request,
        person: &Person,
        locale: &str,
        delivery: Delivery<'_>,
        now: i64,
    ) -> Result<Handled, store::Error> {
        let words = |id: &str| vec![Outgoing::plain(self.content.locales.render(locale, &Text::new(id)))];
        let replies = match request {
            Request::Start { by_reminder } => self.start(&mut tx, person, locale, by_reminder, now).await?,
            Request::Answer { checkin, item, score } => {
                self.answer(&mut tx, person, locale, checkin, &item, score, now).await?
            }
            Request::Snooze => {
                let at = self.plan.quiet.next_allowed(now + self.plan.snooze_ms);
                let snoozed = stored::snooze(&mut tx, person.id, at).await?;
                words(if snoozed { "checkin-snoozed" } else { "checkin-stopped" })
            }
            Request::Stop => {
                stored::stop(&mut tx, person.id, now).await?;
                tracing::info!(person = person.id, "young person stopped check-in reminders");
                words("checkin-stopped")
            }
            Request::Chart => self.chart_reply(&mut tx, person, locale, now).await?,
        };
        super::send_all(&mut tx, person.id, &person.channel, &replies, delivery, None, now).await?;
        tx.commit().await?;
        Ok(Handled { replies, new_case: None, urgent: None, skipped: false })
    }

    async fn start(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        locale: &str,
        by_reminder: bool,
        now: i64,
    ) -> Result<Vec<Outgoing>, store::Error> {
        let words = |id: &str| vec![Outgoing::plain(self.content.locales.render(locale, &Text::new(id)))];
        let Some((case, age_band)) = stored::case_for(tx, person.id).await? else {
            return Ok(words("checkin-no-case"));
        };
        let measure = &self.config.checkins.measure;
        let Some(instrument) = self.instrument(measure) else { return Ok(words("checkin-no-case")) };
        if !instrument.ages.is_empty() && !age_band.as_ref().is_some_and(|a| instrument.ages.contains(a)) {
            return Ok(words("checkin-not-for-age"));
        }
        let open = match stored::open(tx, person.id, now - OPEN_MS).await? {
            Some(open) => open,
            None => {
                let started_by = if by_reminder { "reminder" } else { "asked" };
                let id = stored::begin(tx, person.id, case, measure, started_by, now).await?;
                tracing::info!(person = person.id, started_by, "check-in started");
                Open { id, case_id: case, measure: measure.clone(), started_at: now, age_band }
            }
        };
        let answered = stored::answered(tx, open.id).await?;
        Ok(self.ask_next(instrument, &open, &answered, locale))
    }

    #[allow(clippy::too_many_arguments)]
    async fn answer(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        locale: &str,
        checkin: i64,
        item: &str,
        score: u8,
        now: i64,
    ) -> Result<Vec<Outgoing>, store::Error> {
        let ended = || {
            vec![Outgoing {
                buttons: vec![self.button(locale, "btn-checkin-now", START)],
                ..Outgoing::plain(self.content.locales.render(locale, &Text::new("checkin-ended")))
            }]
        };
        let Some(open) = stored::open(tx, person.id, now - OPEN_MS).await?.filter(|o| o.id == checkin) else {
            return Ok(ended());
        };
        let Some(instrument) = self.instrument(&open.measure) else { return Ok(ended()) };
        let mut answered = stored::answered(tx, open.id).await?;
        // Only the question it is on: a second tap on an earlier question's buttons changes nothing.
        if next_item(instrument, &open, &answered).is_some_and(|i| i.id == item)
            && (instrument.min..=instrument.max).contains(&score)
        {
            let band = instrument.band(item, score);
            stored::answer(tx, &stored::Answer { checkin: &open, item, score, band }, now).await?;
            answered.push((item.to_string(), i64::from(score)));
        }
        if next_item(instrument, &open, &answered).is_some() {
            return Ok(self.ask_next(instrument, &open, &answered, locale));
        }
        stored::complete(tx, open.id, now).await?;
        tracing::info!(person = person.id, "check-in finished");
        Ok(vec![Outgoing {
            buttons: vec![self.button(locale, "btn-checkin-chart", CHART)],
            ..Outgoing::plain(self.content.locales.render(locale, &Text::new("checkin-done")))
        }])
    }

    /// The next question of a check-in, with a button for each answer.
    fn ask_next(
        &self,
        instrument: &Instrument,
        open: &Open,
        answered: &[(String, i64)],
        locale: &str,
    ) -> Vec<Outgoing> {
        let locales = &self.content.locales;
        let Some(item) = next_item(instrument, open, answered) else { return vec![] };
        let progress = Text::new("checkin-progress")
            .arg("n", Arg::Num(answered.len() as i64 + 1))
            .arg("total", Arg::Num(instrument.items_for(open.age_band.as_deref()).len() as i64));
        let question = locales.render(locale, &Text::new(item.question(open.age_band.as_deref())));
        let buttons: Vec<OutButton> = (instrument.min..=instrument.max)
            .enumerate()
            .map(|(i, n)| OutButton {
                label: match instrument.responses.get(i) {
                    Some(id) => locales.render(locale, &Text::new(id.as_str())),
                    None => n.to_string(),
                },
                payload: format!("{ANSWER}{}|{}|{n}", open.id, item.id),
                selected: false,
            })
            .collect();
        let columns = if instrument.responses.is_empty() { 6 } else { 1 };
        vec![Outgoing {
            buttons,
            columns,
            ..Outgoing::plain(format!("{}\n\n{question}", locales.render(locale, &progress)))
        }]
    }

    fn button(&self, locale: &str, label: &str, payload: &str) -> OutButton {
        OutButton {
            label: self.content.locales.render(locale, &Text::new(label)),
            payload: payload.into(),
            selected: false,
        }
    }

    async fn chart_reply(
        &self,
        tx: &mut Tx<'_>,
        person: &Person,
        locale: &str,
        now: i64,
    ) -> Result<Vec<Outgoing>, store::Error> {
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
        let Some(png) = png else {
            return Ok(vec![Outgoing {
                buttons: vec![self.button(locale, "btn-checkin-now", START)],
                ..Outgoing::plain(words("checkin-chart-nothing"))
            }]);
        };
        Ok(vec![Outgoing {
            attachment: Some(Attachment::png(format!("linkup-chart-{}.png", crate::time::date(now)), png)),
            ..Outgoing::plain(words("checkin-chart"))
        }])
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
            let reminder = Outgoing {
                buttons: vec![
                    self.button(&locale, "btn-checkin-now", START),
                    self.button(&locale, "btn-checkin-later", SNOOZE),
                    self.button(&locale, "btn-checkin-stop", STOP),
                ],
                ..Outgoing::plain(self.content.locales.render(&locale, &Text::new("checkin-reminder")))
            };
            let delivery = Delivery::outbox(&due.chat);
            super::send_all(&mut tx, due.person_id, &due.channel, &[reminder], delivery, None, now).await?;
            tx.commit().await?;
            done.sent += 1;
        }
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

/// The next item to ask in a check-in.
fn next_item<'a>(instrument: &'a Instrument, open: &Open, answered: &[(String, i64)]) -> Option<&'a Item> {
    instrument.items_for(open.age_band.as_deref()).into_iter().find(|i| !answered.iter().any(|(a, _)| *a == i.id))
}
