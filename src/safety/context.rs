//! Risk that builds up over several messages: a person's recent messages scored together by
//! the learned tier, so a human is asked to look when no single message was alarming alone.
//!
//! Pure: the caller passes the recent messages and the categories already flagged for them.

use super::{Assessment, Finding, Level, Model, RuleSet, Tier, Unsure};

/// What the recent messages together raise that `already` does not hold: a question for a
/// crisis category, a flag for a concern. `recent` is oldest first and ends with the message
/// being checked; fewer than two messages say nothing a single check did not.
pub fn assess(model: &Model, rules: &RuleSet, recent: &[&str], already: &[&str]) -> Assessment {
    let take = model.settings.context_messages.min(recent.len());
    let recent = &recent[recent.len() - take..];
    if recent.len() < 2 {
        return Assessment::default();
    }
    // The last two messages together, the last three, and so on: risk that builds up in the
    // latest messages is not watered down by older, ordinary ones ("M14", "I want to make
    // friends").
    let mut best: Option<(f32, usize, Level, String, Vec<f32>)> = None;
    for k in 2..=recent.len() {
        let joined = recent[recent.len() - k..].join("\n");
        let probabilities = super::learned_probabilities(rules, model, &joined, false);
        for category in rules.categories.iter().filter(|c| !already.contains(&c.id.as_str())) {
            let (Some(index), Some(threshold)) =
                (model.index(&category.id), model.settings.thresholds.get(&category.id))
            else {
                continue;
            };
            let ratio = probabilities[index] / threshold.context;
            if ratio >= 1.0 && best.as_ref().is_none_or(|b| ratio > b.0) {
                best = Some((ratio, index, category.level, joined.clone(), probabilities.clone()));
            }
        }
        // Nothing certain per category, but some risk together: the likeliest category.
        if best.is_none()
            && let Some(any) = model.index(super::model::ANY)
            && model.settings.thresholds.get(super::model::ANY).is_some_and(|t| probabilities[any] >= t.context)
            && let Some((index, category)) = super::likeliest(rules, model, &probabilities)
            && !already.contains(&category.id.as_str())
        {
            best = Some((1.0, index, category.level, joined, probabilities));
        }
    }
    let Some((_, index, level, joined, probabilities)) = best else {
        return Assessment::default();
    };
    let category = model.categories[index].clone();
    let score = probabilities[index];
    let matched = model.explain(&joined, index, 6).join(" ");
    match level {
        Level::Crisis => Assessment {
            findings: vec![],
            unsure: Some(Unsure { category, score, tier: Tier::Context, matched, recent: Some(joined) }),
        },
        Level::Concern => Assessment {
            findings: vec![Finding {
                category,
                level,
                rule: "context".into(),
                matched,
                denial: false,
                tier: Tier::Context,
                score: Some(score),
                recent: Some(joined),
            }],
            unsure: None,
        },
    }
}

/// One message's assessment with what its context adds: nothing when the message alone is a
/// crisis or a question already.
pub fn merge(message: Assessment, context: Assessment) -> Assessment {
    if message.crisis().is_some() || message.unsure.is_some() {
        return message;
    }
    let mut out = message;
    out.findings.extend(context.findings);
    out.unsure = context.unsure;
    out
}
