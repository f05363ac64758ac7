//! A flow's `measure` step spelled out: the check-in measure's items for one age band, one
//! scale question each, so the engine asks them as it asks any question.

use super::{Flow, Step, StepKind};
use crate::measures::Instrument;

/// The message id above each question: "Question 2 of 4" (`$question`, `$questions`).
pub const PROGRESS: &str = "checkin-progress";

/// `flow` with each `measure` step replaced by `instrument`'s questions for `age_band`. The
/// measure step itself leads to the first of them not in `answered` (a check-in carried on
/// picks up where it was), and the last leads where the measure step did. Each question's
/// step id is its item id (prefixed by the measure step's id if a step has that id already),
/// and it saves its answer under the item id.
pub fn spell_out(flow: &Flow, instrument: &Instrument, age_band: Option<&str>, answered: &[String]) -> Flow {
    let items = instrument.items_for(age_band);
    let mut steps = Vec::new();
    for step in &flow.steps {
        let StepKind::Measure { next } = &step.kind else {
            steps.push(step.clone());
            continue;
        };
        let id_of = |item: &str| match flow.step(item) {
            Some(_) => format!("{}-{item}", step.id),
            None => item.to_string(),
        };
        let first = items.iter().find(|i| !answered.contains(&i.id)).map_or_else(|| next.clone(), |i| id_of(&i.id));
        steps.push(Step { kind: StepKind::Message { next: first }, texts: vec![], ..step.clone() });
        for (n, item) in items.iter().enumerate() {
            let after = items.get(n + 1).map_or_else(|| next.clone(), |i| id_of(&i.id));
            steps.push(Step {
                id: id_of(&item.id),
                line: step.line,
                texts: vec![PROGRESS.to_string(), item.question(age_band).to_string()],
                summary: vec![],
                category: None,
                one_bubble: true,
                careful: false,
                kind: StepKind::Scale {
                    save: item.id.clone(),
                    measure: instrument.id.clone(),
                    item: item.id.clone(),
                    min: instrument.min,
                    max: instrument.max,
                    labels: instrument.responses.clone(),
                    next: after,
                },
            });
        }
    }
    flow.with_steps(steps)
}

/// How many questions `spell_out` asks for `age_band`.
pub fn questions(instrument: &Instrument, age_band: Option<&str>) -> usize {
    instrument.items_for(age_band).len()
}
