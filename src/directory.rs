//! The local activities directory (the social prescription itself): Open Referral UK exports read and checked, the mapping from linkup's answers to taxonomy terms, and matching (pure).
//!
//! [`parse`] reads an Open Referral UK (HSDS UK profile, v3) export, a JSON array of services or
//! a `/services` page (`contents` or `content`), into [`Service`]s, checking every service before
//! anything is written. [`Mapping`] is `flows/directory/mapping.toml`. [`matches`] is what fits a young
//! person, best first, over a loaded directory; `docs/directory.md` explains the rules.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The mapping file's name in the flows folder (the flow loader leaves it alone).
pub const MAPPING_FILE: &str = "directory/mapping.toml";

/// One activity or service, as checked and stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub name: String,
    pub description: String,
    pub organisation: String,
    pub url: String,
    pub email: String,
    /// HSDS 3's status, lower case: only an "active" service is suggested.
    #[serde(default = "active")]
    pub status: String,
    /// How to take part or be referred, in the directory's words (HSDS `application_process`).
    #[serde(default)]
    pub how: String,
    /// Inclusive; none is open.
    pub minimum_age: Option<u32>,
    /// Inclusive; none is open.
    pub maximum_age: Option<u32>,
    /// The cost options in words ("Free", "£3 per session").
    pub cost: String,
    pub free: bool,
    /// When it runs, in words.
    pub schedule: String,
    /// Phone numbers and email, in words.
    pub contact: String,
    pub areas: Vec<ServiceArea>,
    pub postcodes: Vec<Postcode>,
    pub terms: Vec<Term>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceArea {
    pub name: String,
    pub extent: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Postcode {
    /// As written, upper case with one space ("M14 5AB").
    pub postcode: String,
    /// The outward code, or district ("M14").
    pub district: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    pub id: String,
    pub code: String,
    pub name: String,
    pub vocabulary: String,
}

/// The status of a service that is running (HSDS 3); a file that gives none means this.
pub const ACTIVE: &str = "active";

fn active() -> String {
    ACTIVE.to_string()
}

impl Service {
    /// Whether it is running: an inactive, defunct or temporarily closed service is never suggested.
    pub fn is_active(&self) -> bool {
        self.status == ACTIVE
    }

    /// A service as a suggestion stored it (JSON of the service when it was shown).
    pub fn from_snapshot(json: &str) -> Result<Service, serde_json::Error> {
        serde_json::from_str(json)
    }
}

impl Term {
    /// Is this term the one called `wanted` (its name or code, any case)?
    pub fn is(&self, wanted: &str) -> bool {
        let wanted = wanted.trim();
        !wanted.is_empty() && (self.name.eq_ignore_ascii_case(wanted) || self.code.eq_ignore_ascii_case(wanted))
    }
}

/// iCalendar BYDAY codes in words ("TU,TH" → "Tuesdays and Thursdays"); anything else as it is.
fn days(byday: &str) -> String {
    const DAYS: [(&str, &str); 7] = [
        ("MO", "Mondays"),
        ("TU", "Tuesdays"),
        ("WE", "Wednesdays"),
        ("TH", "Thursdays"),
        ("FR", "Fridays"),
        ("SA", "Saturdays"),
        ("SU", "Sundays"),
    ];
    let named: Option<Vec<&str>> = byday
        .split(',')
        .map(|d| d.trim().to_ascii_uppercase())
        .filter(|d| !d.is_empty())
        .map(|d| DAYS.iter().find(|(code, _)| *code == d).map(|(_, name)| *name))
        .collect();
    match named.as_deref() {
        None | Some([]) => byday.trim().to_string(),
        Some([one]) => one.to_string(),
        Some([init @ .., last]) => format!("{} and {last}", init.join(", ")),
    }
}

/// Why a file cannot be imported: where (the service's id, or its position) and which field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// "service 3" or "service 3 (id \"svc-x\")"; empty for the file as a whole.
    pub at: String,
    pub field: String,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.at.is_empty(), self.field.is_empty()) {
            (true, _) => write!(f, "{}", self.message),
            (false, true) => write!(f, "{}: {}", self.at, self.message),
            (false, false) => write!(f, "{}: {}: {}", self.at, self.field, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

fn whole_file(message: impl Into<String>) -> ImportError {
    ImportError { at: String::new(), field: String::new(), message: message.into() }
}

// ---- The file as Open Referral UK writes it: every field optional, unknown ones ignored ----

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawService {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(deserialize_with = "text")]
    name: String,
    #[serde(deserialize_with = "text")]
    description: String,
    #[serde(alias = "organisation")]
    organization: Option<RawOrganisation>,
    #[serde(deserialize_with = "text")]
    url: String,
    #[serde(deserialize_with = "text")]
    email: String,
    /// HSDS 3: active, inactive, defunct or temporarily closed.
    #[serde(deserialize_with = "text")]
    status: String,
    #[serde(deserialize_with = "text")]
    application_process: String,
    #[serde(deserialize_with = "text", alias = "fees")]
    fees_description: String,
    minimum_age: Option<Value>,
    maximum_age: Option<Value>,
    #[serde(alias = "eligibility")]
    eligibilitys: Vec<RawEligibility>,
    service_areas: Vec<RawServiceArea>,
    service_at_locations: Vec<RawServiceAtLocation>,
    locations: Vec<RawLocation>,
    schedules: Vec<RawSchedule>,
    cost_options: Vec<RawCost>,
    contacts: Vec<RawContact>,
    phones: Vec<RawPhone>,
    attributes: Vec<RawAttribute>,
    taxonomy_terms: Vec<RawTerm>,
    service_taxonomys: Vec<RawServiceTaxonomy>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawOrganisation {
    #[serde(deserialize_with = "text")]
    name: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawEligibility {
    minimum_age: Option<Value>,
    maximum_age: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawServiceArea {
    #[serde(deserialize_with = "text", alias = "service_area")]
    name: String,
    /// GeoJSON or words; kept as text.
    extent: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawServiceAtLocation {
    location: Option<RawLocation>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawLocation {
    postal_addresses: Vec<RawAddress>,
    physical_addresses: Vec<RawAddress>,
    addresses: Vec<RawAddress>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawAddress {
    #[serde(deserialize_with = "text")]
    postal_code: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawSchedule {
    #[serde(deserialize_with = "text")]
    description: String,
    #[serde(deserialize_with = "text")]
    byday: String,
    #[serde(deserialize_with = "text")]
    opens_at: String,
    #[serde(deserialize_with = "text")]
    closes_at: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawCost {
    amount: Option<Value>,
    #[serde(deserialize_with = "text")]
    option: String,
    #[serde(deserialize_with = "text")]
    amount_description: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawContact {
    phones: Vec<RawPhone>,
    #[serde(deserialize_with = "text")]
    email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawPhone {
    #[serde(deserialize_with = "text")]
    number: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawAttribute {
    taxonomy_term: Option<RawTerm>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawServiceTaxonomy {
    #[serde(alias = "taxonomy_term")]
    taxonomy: Option<RawTerm>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RawTerm {
    #[serde(deserialize_with = "text")]
    id: String,
    #[serde(deserialize_with = "text")]
    code: String,
    #[serde(deserialize_with = "text", alias = "term")]
    name: String,
    #[serde(deserialize_with = "text")]
    vocabulary: String,
}

/// A text field that may also be a number, or null: trimmed words.
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

/// Reads and checks a whole export. Every service is checked before any is returned: one
/// problem and the file is refused.
pub fn parse(text: &str) -> Result<Vec<Service>, ImportError> {
    let value: Value = serde_json::from_str(text)
        .map_err(|e| whole_file(format!("the file is not JSON (line {}, column {}: {e})", e.line(), e.column())))?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(mut page) => match page.remove("contents").or_else(|| page.remove("content")) {
            Some(Value::Array(items)) => items,
            _ => {
                return Err(whole_file(
                    "expected a JSON array of services, or a /services page with a \"contents\" array",
                ));
            }
        },
        _ => {
            return Err(whole_file("expected a JSON array of services, or a /services page with a \"contents\" array"));
        }
    };
    let mut services = Vec::with_capacity(items.len());
    let mut seen = BTreeMap::new();
    for (i, item) in items.into_iter().enumerate() {
        let position = i + 1;
        let at = |id: &str| match id {
            "" => format!("service {position}"),
            id => format!("service {position} (id {id:?})"),
        };
        let id_hint = item.get("id").and_then(Value::as_str).unwrap_or_default().trim().to_string();
        if !item.is_object() {
            return Err(ImportError { at: at(&id_hint), field: String::new(), message: "is not a JSON object".into() });
        }
        let raw: RawService = serde_json::from_value(item).map_err(|e| ImportError {
            at: at(&id_hint),
            field: String::new(),
            message: format!("cannot be read: {e}"),
        })?;
        let service = check(raw).map_err(|(field, message)| ImportError { at: at(&id_hint), field, message })?;
        if let Some(first) = seen.insert(service.id.clone(), position) {
            return Err(ImportError {
                at: at(&service.id),
                field: "id".into(),
                message: format!("the same id as service {first}"),
            });
        }
        services.push(service);
    }
    Ok(services)
}

/// One service checked: (field, problem) when it cannot be taken.
fn check(raw: RawService) -> Result<Service, (String, String)> {
    let problem = |field: &str, message: &str| (field.to_string(), message.to_string());
    if raw.id.is_empty() {
        return Err(problem("id", "missing: every service needs its Open Referral id"));
    }
    if raw.name.is_empty() {
        return Err(problem("name", "missing: every service needs a name"));
    }
    let mut minimum_age = age(raw.minimum_age.as_ref()).map_err(|m| problem("minimum_age", &m))?;
    let mut maximum_age = age(raw.maximum_age.as_ref()).map_err(|m| problem("maximum_age", &m))?;
    // Ages under eligibility (older ORUK profiles) when the service itself has none: the widest
    // the entries allow.
    for (i, e) in raw.eligibilitys.iter().enumerate() {
        let field = |f: &str| format!("eligibilitys[{i}].{f}");
        let min = age(e.minimum_age.as_ref()).map_err(|m| (field("minimum_age"), m))?;
        let max = age(e.maximum_age.as_ref()).map_err(|m| (field("maximum_age"), m))?;
        if let (Some(min), Some(max)) = (min, max)
            && max < min
        {
            return Err((field("maximum_age"), format!("{max} is less than the minimum age {min}")));
        }
        if raw.minimum_age.is_none() {
            minimum_age = match (minimum_age, min) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
        }
        if raw.maximum_age.is_none() {
            maximum_age = match (maximum_age, max) {
                (Some(a), Some(b)) => Some(a.max(b)),
                (a, b) => a.or(b),
            };
        }
    }
    if let (Some(min), Some(max)) = (minimum_age, maximum_age)
        && max < min
    {
        return Err(problem("maximum_age", &format!("{max} is less than the minimum age {min}")));
    }
    let (cost, free) = match (raw.cost_options.is_empty(), raw.fees_description.trim()) {
        // No cost options but words about fees: the words say.
        (true, fees) if !fees.is_empty() => (fees.to_string(), fees.to_lowercase().contains("free")),
        _ => cost(&raw.cost_options),
    };
    let schedule = raw
        .schedules
        .iter()
        .map(|s| {
            if !s.description.is_empty() {
                return s.description.clone();
            }
            let hours = match (s.opens_at.as_str(), s.closes_at.as_str()) {
                ("", "") => String::new(),
                (open, "") => format!("from {}", hhmm(open)),
                (open, close) => format!("{} to {}", hhmm(open), hhmm(close)),
            };
            let days = days(&s.byday);
            [days.as_str(), hours.as_str()].iter().filter(|p| !p.is_empty()).copied().collect::<Vec<_>>().join(" ")
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ");
    let mut contact = Vec::new();
    let phones = raw.phones.iter().chain(raw.contacts.iter().flat_map(|c| c.phones.iter()));
    for number in phones.map(|p| p.number.as_str()).filter(|n| !n.is_empty()) {
        if !contact.contains(&number.to_string()) {
            contact.push(number.to_string());
        }
    }
    for email in std::iter::once(raw.email.as_str()).chain(raw.contacts.iter().map(|c| c.email.as_str())) {
        if !email.is_empty() && !contact.contains(&email.to_string()) {
            contact.push(email.to_string());
        }
    }
    let areas = raw
        .service_areas
        .iter()
        .filter(|a| !a.name.is_empty())
        .map(|a| ServiceArea {
            name: a.name.clone(),
            extent: match &a.extent {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.trim().to_string(),
                Some(other) => other.to_string(),
            },
        })
        .collect();
    let locations = raw.service_at_locations.iter().filter_map(|s| s.location.as_ref()).chain(raw.locations.iter());
    let mut postcodes: Vec<Postcode> = Vec::new();
    for address in locations.flat_map(|l| l.postal_addresses.iter().chain(&l.physical_addresses).chain(&l.addresses)) {
        if address.postal_code.is_empty() {
            continue;
        }
        let Some(district) = district(&address.postal_code) else {
            return Err(problem("postal_code", &format!("{:?} is not a UK postcode", address.postal_code)));
        };
        let postcode = tidy_postcode(&address.postal_code);
        if !postcodes.iter().any(|p| p.postcode == postcode) {
            postcodes.push(Postcode { postcode, district });
        }
    }
    let mut terms: Vec<Term> = Vec::new();
    let raw_terms = raw
        .attributes
        .iter()
        .filter_map(|a| a.taxonomy_term.as_ref())
        .chain(raw.taxonomy_terms.iter())
        .chain(raw.service_taxonomys.iter().filter_map(|t| t.taxonomy.as_ref()));
    for t in raw_terms.filter(|t| !t.name.is_empty() || !t.code.is_empty()) {
        let term =
            Term { id: t.id.clone(), code: t.code.clone(), name: t.name.clone(), vocabulary: t.vocabulary.clone() };
        if !terms.contains(&term) {
            terms.push(term);
        }
    }
    Ok(Service {
        id: raw.id,
        name: raw.name,
        description: raw.description,
        organisation: raw.organization.map(|o| o.name).unwrap_or_default(),
        url: raw.url,
        email: raw.email,
        status: match raw.status.trim() {
            "" => ACTIVE.to_string(),
            status => status.to_lowercase(),
        },
        how: raw.application_process.trim().to_string(),
        minimum_age,
        maximum_age,
        cost,
        free,
        schedule,
        contact: contact.join(", "),
        areas,
        postcodes,
        terms,
    })
}

/// An age in whole years: a JSON number with nothing after the point, or such a number in a
/// string; null or "" is none.
fn age(value: Option<&Value>) -> Result<Option<u32>, String> {
    let bad = |shown: String| Err(format!("{shown} is not a whole number of years"));
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match (n.as_u64(), n.as_f64()) {
            (Some(whole), _) => u32::try_from(whole).map(Some).or_else(|_| bad(n.to_string())),
            (None, Some(f)) if f >= 0.0 && f.fract() == 0.0 && f < 200.0 => Ok(Some(f as u32)),
            _ => bad(n.to_string()),
        },
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => match s.trim().parse::<u32>() {
            Ok(n) => Ok(Some(n)),
            Err(_) => bad(format!("{s:?}")),
        },
        Some(other) => bad(other.to_string()),
    }
}

/// The cost options in words, and whether it is free: free when there is no cost option, or
/// one costs 0, or one's words say free.
fn cost(options: &[RawCost]) -> (String, bool) {
    if options.is_empty() {
        return ("Free".into(), true);
    }
    let mut free = false;
    let mut words = Vec::new();
    for o in options {
        let amount = match &o.amount {
            Some(Value::Number(n)) => n.as_f64(),
            Some(Value::String(s)) => s.trim().trim_start_matches('£').parse::<f64>().ok(),
            _ => None,
        };
        let says_free = [&o.option, &o.amount_description].iter().any(|t| t.to_lowercase().contains("free"));
        if amount == Some(0.0) || says_free {
            free = true;
        }
        let mut line = match amount {
            Some(0.0) => "Free".to_string(),
            Some(a) if a.fract() == 0.0 => format!("£{a:.0}"),
            Some(a) => format!("£{a:.2}"),
            None => String::new(),
        };
        for part in [&o.option, &o.amount_description] {
            if !part.is_empty() && !line.to_lowercase().contains(&part.to_lowercase()) {
                // "£3.50 per session. Materials included": a new sentence gets its full stop.
                let stop = part.starts_with(char::is_uppercase) && !line.ends_with(['.', '!', '?', '£']);
                line = match (line.is_empty(), stop) {
                    (true, _) => part.clone(),
                    (false, true) => format!("{line}. {part}"),
                    (false, false) => format!("{line} {part}"),
                };
            }
        }
        if !line.is_empty() {
            words.push(line);
        }
    }
    if words.is_empty() {
        words.push(if free { "Free".into() } else { "Costs money (ask)".into() });
    }
    (words.join("; "), free)
}

/// "17:00:00" as "17:00".
/// A time of day as people say it: "17:00:00" → "5pm", "09:30" → "9:30am", "12:00" → "12 noon";
/// anything that is not a time as written.
fn hhmm(time: &str) -> String {
    let parsed = chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M:%S")
        .or_else(|_| chrono::NaiveTime::parse_from_str(time.trim(), "%H:%M"));
    let Ok(t) = parsed else { return time.trim().to_string() };
    use chrono::Timelike;
    let (pm, hour) = t.hour12();
    match (t.hour(), t.minute()) {
        (12, 0) => "12 noon".into(),
        (0, 0) => "midnight".into(),
        (_, 0) => format!("{hour}{}", if pm { "pm" } else { "am" }),
        (_, m) => format!("{hour}:{m:02}{}", if pm { "pm" } else { "am" }),
    }
}

/// A postcode upper case, with one space before the inward code.
fn tidy_postcode(postcode: &str) -> String {
    let compact: String = postcode.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    if compact.len() > 3 && district(&compact).is_some_and(|d| d.len() == compact.len() - 3) {
        format!("{} {}", &compact[..compact.len() - 3], &compact[compact.len() - 3..])
    } else {
        compact
    }
}

/// The outward code (district) of a full postcode ("M14 5AB" → "M14") or of an outward code
/// alone ("m14" → "M14"); none when it is neither.
pub fn district(text: &str) -> Option<String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
    // A UK postcode is plain letters and digits; anything else is not one (and is never cut
    // inside a character below).
    if !compact.is_ascii() {
        return None;
    }
    let outward_ok = |o: &str| {
        let letters = o.chars().take_while(char::is_ascii_alphabetic).count();
        let rest = &o[letters..];
        (1..=2).contains(&letters)
            && rest.chars().next().is_some_and(|c| c.is_ascii_digit())
            && (1..=2).contains(&rest.len())
            && rest.chars().all(|c| c.is_ascii_alphanumeric())
    };
    let inward_ok = |i: &str| {
        let b = i.as_bytes();
        b.len() == 3 && b[0].is_ascii_digit() && b[1].is_ascii_alphabetic() && b[2].is_ascii_alphabetic()
    };
    if compact.len() >= 5 && inward_ok(&compact[compact.len() - 3..]) && outward_ok(&compact[..compact.len() - 3]) {
        return Some(compact[..compact.len() - 3].to_string());
    }
    outward_ok(&compact).then_some(compact)
}

/// The postcode area: a district's leading letters ("M14" → "M", "LS6" → "LS").
pub fn area_letters(district: &str) -> &str {
    let n = district.chars().take_while(char::is_ascii_alphabetic).count();
    &district[..n]
}

// ---- The mapping file ----

/// `flows/directory/mapping.toml`: what linkup's answers mean as taxonomy terms, and which postcodes a
/// place named in a service area covers.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Interest option id → taxonomy term names or codes.
    #[serde(default)]
    pub interests: BTreeMap<String, Vec<String>>,
    /// Topic option id → taxonomy term names or codes.
    #[serde(default)]
    pub topics: BTreeMap<String, Vec<String>>,
    /// A place a service area may name (a local authority, a city) → postcode areas ("M") or
    /// districts ("M14") it covers.
    #[serde(default)]
    pub places: BTreeMap<String, Vec<String>>,
    /// Kinds of onward referral the outcome report counts (id → words and the terms that
    /// suggest it); "other" is always there too.
    #[serde(default)]
    pub referrals: BTreeMap<String, ReferralKind>,
}

/// The kind every referral can be, whatever the mapping says.
pub const OTHER_REFERRAL: &str = "other";

/// A kind of onward referral, as a service's funders count them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferralKind {
    pub label: String,
    /// Taxonomy term names or codes that make a service this kind by default.
    #[serde(default)]
    pub terms: Vec<String>,
}

/// The answers the mapping speaks of: the interests, topics and age steps' option ids of the
/// self-referral flow.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub interests: Vec<String>,
    pub topics: Vec<String>,
    pub age_bands: Vec<String>,
}

impl Options {
    /// The option ids of the steps `interests`, `topics` and `age` of `flow`.
    pub fn of(flow: &crate::flow::Flow) -> Options {
        let ids = |step: &str| -> Vec<String> {
            flow.steps
                .iter()
                .filter(|s| s.id == step)
                .flat_map(|s| match &s.kind {
                    crate::flow::StepKind::Choice { options, .. } | crate::flow::StepKind::Multi { options, .. } => {
                        options.iter().map(|o| o.id.clone()).collect()
                    }
                    _ => Vec::new(),
                })
                .collect()
        };
        Options { interests: ids("interests"), topics: ids("topics"), age_bands: ids("age") }
    }
}

impl Mapping {
    /// Reads the mapping; every interest and topic id must be one of the flow's.
    pub fn parse(text: &str, options: &Options) -> Result<Mapping, String> {
        let mapping: Mapping = toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
        for (kind, map, known) in
            [("interests", &mapping.interests, &options.interests), ("topics", &mapping.topics, &options.topics)]
        {
            for id in map.keys() {
                if !known.contains(id) {
                    return Err(format!(
                        "[{kind}] {id:?} is not one of the self-referral flow's {kind}; they are: {}",
                        known.join(", ")
                    ));
                }
            }
        }
        for (id, kind) in &mapping.referrals {
            let good = !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if !good || id == OTHER_REFERRAL {
                return Err(format!(
                    "[referrals] {id:?}: a kind's id is lower-case letters, digits and hyphens, and not \"other\" (always there)"
                ));
            }
            if kind.label.trim().is_empty() {
                return Err(format!("[referrals] {id:?} needs a label, the words link workers and the report show"));
            }
        }
        for (place, codes) in &mapping.places {
            for code in codes {
                let code = code.trim().to_uppercase();
                let letters = (1..=2).contains(&code.len()) && code.chars().all(|c| c.is_ascii_alphabetic());
                if district(&code).is_none() && !letters {
                    return Err(format!("[places] {place:?}: {code:?} is not a postcode area (M) or district (M14)"));
                }
            }
        }
        Ok(mapping)
    }

    /// The postcode areas and districts a service area's name stands for: itself when it is
    /// one ("M14", "M"), a place's codes when the mapping names it, else none.
    pub fn codes_of(&self, area_name: &str) -> Vec<String> {
        let name = area_name.trim();
        if let Some(d) = district(name) {
            return vec![d];
        }
        let upper = name.to_uppercase();
        if (1..=2).contains(&upper.len()) && upper.chars().all(|c| c.is_ascii_alphabetic()) {
            return vec![upper];
        }
        self.place(name).unwrap_or_default()
    }

    /// The codes of a place `[places]` names (any case, spaces and hyphens alike).
    pub fn place(&self, name: &str) -> Option<Vec<String>> {
        let plain =
            |s: &str| s.split([' ', '-']).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ").to_lowercase();
        let name = plain(name);
        self.places
            .iter()
            .find(|(place, _)| plain(place) == name)
            .map(|(_, codes)| codes.iter().map(|c| c.trim().to_uppercase()).collect())
    }

    /// The referral kind a service is most likely to be, by its terms: the first kind one of
    /// whose terms it carries, else "other".
    pub fn referral_kind(&self, service: &Service) -> &str {
        self.referrals
            .iter()
            .find(|(_, kind)| kind.terms.iter().any(|t| service.terms.iter().any(|term| term.is(t))))
            .map_or(OTHER_REFERRAL, |(id, _)| id.as_str())
    }

    /// A referral kind's words for link workers; an unknown kind is shown as it is.
    pub fn referral_label<'a>(&'a self, kind: &'a str) -> &'a str {
        match kind {
            OTHER_REFERRAL => "Other",
            _ => self.referrals.get(kind).map_or(kind, |k| k.label.as_str()),
        }
    }
}

// ---- Matching ----

/// An inclusive age range: one age, or an age band's representative range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Ages {
    pub from: u32,
    pub to: u32,
}

impl Ages {
    /// A whole number ("14"), or an age band id of the flow ("13-15", "under-11", "over-25").
    /// A band is the ages it names; "under-N" is the three years below N, "over-N" the five
    /// above (linkup is for about 11–25).
    pub fn parse(text: &str, bands: &[String]) -> Result<Ages, String> {
        let text = text.trim();
        let hint = || format!("the age is a whole number like 14, or one of the age bands {}", bands.join(", "));
        if let Ok(age) = text.parse::<u32>() {
            return if age <= 120 {
                Ok(Ages { from: age, to: age })
            } else {
                Err(format!("{text} is not an age: {}", hint()))
            };
        }
        if !bands.iter().any(|b| b == text) {
            return Err(format!("{text:?} is not an age: {}", hint()));
        }
        let number = |s: &str| s.parse::<u32>().ok();
        let range = if let Some(n) = text.strip_prefix("under-").and_then(number) {
            Some(Ages { from: n.saturating_sub(3), to: n.saturating_sub(1) })
        } else if let Some(n) = text.strip_prefix("over-").and_then(number) {
            Some(Ages { from: n + 1, to: n + 5 })
        } else {
            text.split_once('-').and_then(|(a, b)| Some(Ages { from: number(a)?, to: number(b)? }))
        };
        range.filter(|r| r.from <= r.to).ok_or_else(|| format!("the age band {text:?} names no ages linkup can read"))
    }

    /// Does a service with these bounds (inclusive, none open) take anyone in this range?
    pub fn fits(self, minimum: Option<u32>, maximum: Option<u32>) -> bool {
        minimum.is_none_or(|min| self.to >= min) && maximum.is_none_or(|max| self.from <= max)
    }

    /// Does it take everyone in this range (whatever age in the band they are)?
    pub fn covered_by(self, minimum: Option<u32>, maximum: Option<u32>) -> bool {
        minimum.is_none_or(|min| self.from >= min) && maximum.is_none_or(|max| self.to <= max)
    }
}

/// Where the young person is: the districts ("M14") and postcode areas ("M") it stands for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Area {
    /// Empty when only postcode areas are known (a city, "M").
    pub districts: Vec<String>,
    /// The postcode areas: the districts' own, and any a place covers.
    pub letters: Vec<String>,
}

impl Area {
    /// A postcode, a district ("M14") or a postcode area ("M").
    pub fn parse(text: &str) -> Result<Area, String> {
        let text = text.trim();
        if text.is_empty() {
            return Err("give the area as a postcode, or its first half, like M14".into());
        }
        if let Some(d) = district(text) {
            return Ok(Area { letters: vec![area_letters(&d).to_string()], districts: vec![d] });
        }
        let upper = text.to_uppercase();
        if (1..=2).contains(&upper.len()) && upper.chars().all(|c| c.is_ascii_alphabetic()) {
            return Ok(Area { districts: vec![], letters: vec![upper] });
        }
        Err(format!("{text:?} is not a postcode: give a postcode, or its first half, like M14 or LS6"))
    }

    /// As [`Area::parse`], or a place the mapping's `[places]` names ("Manchester", any case).
    pub fn resolve(text: &str, mapping: &Mapping) -> Result<Area, String> {
        Area::parse(text).or_else(|why| {
            let codes = mapping.place(text).ok_or(why)?;
            let mut area = Area { districts: vec![], letters: vec![] };
            for code in codes {
                let (letters, district) = match district(&code) {
                    Some(d) => (area_letters(&d).to_string(), Some(d)),
                    None => (code, None),
                };
                area.districts.extend(district);
                if !area.letters.contains(&letters) {
                    area.letters.push(letters);
                }
            }
            Ok(area)
        })
    }
}

/// One thing the young person asked for, and the term names or codes that stand for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Wanted {
    /// As given ("music", or a taxonomy name).
    pub label: String,
    pub terms: Vec<String>,
}

/// What to match: interests and topics resolved to terms, the age and the area.
#[derive(Debug, Clone, Serialize)]
pub struct Query {
    pub wanted: Vec<Wanted>,
    pub ages: Ages,
    pub area: Area,
}

impl Query {
    /// Resolves interest ids, topic ids and raw taxonomy names or codes (an interest not in the
    /// mapping is taken as a term's name; unknown to both the flow and `services`, an error).
    pub fn wanted(
        mapping: &Mapping,
        options: &Options,
        services: &[Service],
        interests: &[String],
        topics: &[String],
    ) -> Result<Vec<Wanted>, String> {
        let mut wanted = Vec::new();
        let in_directory = |name: &str| services.iter().any(|s| s.terms.iter().any(|t| t.is(name)));
        for interest in interests.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
            let mut terms = mapping.interests.get(interest).cloned().unwrap_or_default();
            if in_directory(interest) {
                terms.push(interest.to_string());
            } else if !options.interests.iter().any(|i| i == interest) {
                return Err(format!(
                    "no interest or taxonomy term is called {interest:?}: linkup's interests are {} \
                     (flows/directory/mapping.toml maps them), or give a term from `linkup directory list`",
                    options.interests.join(", ")
                ));
            }
            wanted.push(Wanted { label: interest.to_string(), terms });
        }
        for topic in topics.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
            if !options.topics.iter().any(|t| t == topic) {
                return Err(format!("{topic:?} is not a topic: the topics are {}", options.topics.join(", ")));
            }
            let terms = mapping.topics.get(topic).cloned().unwrap_or_default();
            wanted.push(Wanted { label: topic.to_string(), terms });
        }
        Ok(wanted)
    }
}

/// A search as typed (the command line's flags, the case page's form): interest and topic ids
/// or taxonomy terms, an age, an area.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    pub interests: &'a [String],
    pub topics: &'a [String],
    pub age: &'a str,
    pub area: &'a str,
}

/// Which part of a search could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unreadable {
    #[error("{0}")]
    Age(String),
    #[error("{0}")]
    Area(String),
    /// An interest or topic neither the flow nor the directory knows.
    #[error("{0}")]
    Wanted(String),
}

impl Query {
    /// Reads a search: the age ([`Ages::parse`]), the area ([`Area::resolve`]), then the
    /// interests and topics ([`Query::wanted`]).
    pub fn read(
        mapping: &Mapping,
        options: &Options,
        services: &[Service],
        asked: Asked<'_>,
    ) -> Result<Query, Unreadable> {
        let ages = Ages::parse(asked.age, &options.age_bands).map_err(Unreadable::Age)?;
        let area = Area::resolve(asked.area, mapping).map_err(Unreadable::Area)?;
        let wanted =
            Query::wanted(mapping, options, services, asked.interests, asked.topics).map_err(Unreadable::Wanted)?;
        Ok(Query { wanted, ages, area })
    }
}

/// A service that fits, and why it ranks where it does.
#[derive(Debug, Clone, Serialize)]
pub struct Match<'a> {
    pub service: &'a Service,
    /// The asked-for interests and topics it offers (their labels).
    pub matched: Vec<String>,
    /// 0: a location or service area in the same district; 1: the same postcode area; 2:
    /// further (a service with neither areas nor locations, which serves everywhere).
    pub distance: u8,
}

/// How near a service is to `area`, or none when it does not serve it.
///
/// The rule: a service serves the area when one of its locations is in the same postcode area
/// ("M"), or one of its service areas names the district ("M14"), the postcode area ("M") or a
/// place the mapping gives either for. A service with no service areas and no locations serves
/// everywhere (national, online or phone services are often listed so), ranked furthest.
/// Service areas that are neither a postcode nor a mapped place say nothing.
pub fn distance(service: &Service, area: &Area, mapping: &Mapping) -> Option<u8> {
    if service.areas.is_empty() && service.postcodes.is_empty() {
        return Some(2);
    }
    let mut best: Option<u8> = None;
    let mut consider = |d: u8| best = Some(best.map_or(d, |b| b.min(d)));
    let letters = |code: &str| area.letters.iter().any(|l| l == code);
    for p in &service.postcodes {
        if area.districts.contains(&p.district) {
            consider(0);
        } else if letters(area_letters(&p.district)) {
            consider(1);
        }
    }
    for code in service.areas.iter().flat_map(|a| mapping.codes_of(&a.name)) {
        if area.districts.contains(&code) {
            consider(0);
        } else if letters(&code) {
            consider(1);
        }
    }
    best
}

/// What fits, best first: running (HSDS status active), inside the age range, serving the area, and offering at least one
/// thing asked for (when anything was). Ranked by the number of things asked for it offers
/// (most first), then distance, then free before paid, then name.
pub fn matches<'a>(services: &'a [Service], query: &Query, mapping: &Mapping) -> Vec<Match<'a>> {
    let mut out: Vec<Match<'a>> = services
        .iter()
        .filter(|s| s.is_active() && query.ages.fits(s.minimum_age, s.maximum_age))
        .filter_map(|s| {
            let distance = distance(s, &query.area, mapping)?;
            let matched: Vec<String> = query
                .wanted
                .iter()
                .filter(|w| w.terms.iter().any(|t| s.terms.iter().any(|term| term.is(t))))
                .map(|w| w.label.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            if !query.wanted.is_empty() && matched.is_empty() {
                return None;
            }
            Some(Match { service: s, matched, distance })
        })
        .collect();
    out.sort_by(|a, b| {
        b.matched
            .len()
            .cmp(&a.matched.len())
            .then(a.distance.cmp(&b.distance))
            .then(b.service.free.cmp(&a.service.free))
            .then_with(|| a.service.name.to_lowercase().cmp(&b.service.name.to_lowercase()))
            .then_with(|| a.service.id.cmp(&b.service.id))
    });
    out
}

/// A match's [`Match::distance`] in words.
pub fn distance_words(distance: u8) -> &'static str {
    match distance {
        0 => "nearby",
        1 => "in the same postcode area",
        _ => "further away or online",
    }
}

/// A service's ages in words: "11–18", "14 and over", "up to 16", "any age".
pub fn ages_text(minimum: Option<u32>, maximum: Option<u32>) -> String {
    match (minimum, maximum) {
        (Some(a), Some(b)) => format!("{a}–{b}"),
        (Some(a), None) => format!("{a} and over"),
        (None, Some(b)) => format!("up to {b}"),
        (None, None) => "any age".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            interests: vec!["music".into(), "sport".into(), "tech".into()],
            topics: vec!["money".into()],
            age_bands: vec!["under-11".into(), "13-15".into(), "over-25".into()],
        }
    }

    fn service(id: &str, min: Option<u32>, max: Option<u32>, postcode: &str, terms: &[&str]) -> Service {
        let json = serde_json::json!([{
            "id": id, "name": format!("Service {id}"), "minimum_age": min, "maximum_age": max,
            "locations": if postcode.is_empty() { serde_json::json!([]) } else { serde_json::json!([{ "postal_addresses": [{ "postal_code": postcode }] }]) },
            "attributes": terms.iter().map(|t| serde_json::json!({ "taxonomy_term": { "id": t, "name": t } })).collect::<Vec<_>>(),
        }]);
        parse(&json.to_string()).unwrap().remove(0)
    }

    #[test]
    fn postcodes_and_districts() {
        assert_eq!(district("M14 5AB").as_deref(), Some("M14"));
        assert_eq!(district("m145ab").as_deref(), Some("M14"));
        assert_eq!(district("LS6").as_deref(), Some("LS6"));
        assert_eq!(district("EC1A 1BB").as_deref(), Some("EC1A"));
        assert_eq!(district("Manchester"), None);
        assert_eq!(district("M"), None);
        assert_eq!(area_letters("LS6"), "LS");
        assert_eq!(tidy_postcode("ls61ab"), "LS6 1AB");
        assert_eq!(Area::parse("m14").unwrap(), Area { districts: vec!["M14".into()], letters: vec!["M".into()] });
        assert_eq!(Area::parse("LS").unwrap(), Area { districts: vec![], letters: vec!["LS".into()] });
        for odd in ["aéé", "M1É5AB", "ÉÉÉÉÉ", "м14 5аб"] {
            assert_eq!(super::district(odd), None, "{odd}");
        }
        assert!(Area::parse("").is_err());
        assert!(Area::parse("somewhere nice").is_err());
    }

    #[test]
    fn ages_and_bands() {
        let bands = options().age_bands;
        assert_eq!(Ages::parse("14", &bands).unwrap(), Ages { from: 14, to: 14 });
        assert_eq!(Ages::parse("13-15", &bands).unwrap(), Ages { from: 13, to: 15 });
        assert_eq!(Ages::parse("under-11", &bands).unwrap(), Ages { from: 8, to: 10 });
        assert_eq!(Ages::parse("over-25", &bands).unwrap(), Ages { from: 26, to: 30 });
        assert!(Ages::parse("abc", &bands).unwrap_err().contains("whole number"));
        assert!(Ages::parse("16-18", &bands).is_err(), "not a band of this flow");
        let fourteen = Ages { from: 14, to: 14 };
        assert!(fourteen.fits(Some(14), Some(14)), "bounds are inclusive");
        assert!(fourteen.fits(None, None), "no bounds is open");
        assert!(!fourteen.fits(Some(15), None));
        assert!(!fourteen.fits(None, Some(13)));
        assert!(Ages { from: 13, to: 15 }.fits(Some(15), Some(18)), "a band overlaps");
        assert!(!Ages { from: 13, to: 15 }.covered_by(Some(15), Some(18)), "but not all of it");
        assert!(
            Ages { from: 13, to: 15 }.covered_by(Some(13), Some(15))
                && Ages { from: 13, to: 15 }.covered_by(None, None)
        );
        assert!(!Ages { from: 16, to: 18 }.covered_by(Some(8), Some(16)));
    }

    #[test]
    fn ages_in_the_file() {
        let ok = r#"[{"id":"a","name":"A","eligibilitys":[{"minimum_age":"11","maximum_age":16.0}]}]"#;
        let a = &parse(ok).unwrap()[0];
        assert_eq!((a.minimum_age, a.maximum_age), (Some(11), Some(16)));
        let err = parse(r#"[{"id":"a","name":"A"},{"id":"b","name":"B","minimum_age":"fourteen"}]"#).unwrap_err();
        assert_eq!(err.at, "service 2 (id \"b\")");
        assert_eq!(err.field, "minimum_age");
        let err = parse(r#"[{"id":"a","name":"A","minimum_age":12.5}]"#).unwrap_err();
        assert_eq!(err.field, "minimum_age");
        let err = parse(r#"[{"id":"a","name":"A","minimum_age":16,"maximum_age":12}]"#).unwrap_err();
        assert_eq!(err.field, "maximum_age");
        let err = parse(r#"[{"name":"A"}]"#).unwrap_err();
        assert_eq!((err.at.as_str(), err.field.as_str()), ("service 1", "id"));
        let err = parse(r#"[{"id":"x"}]"#).unwrap_err();
        assert_eq!(err.field, "name");
        assert!(parse("not json").unwrap_err().message.contains("not JSON"));
        assert!(parse(r#"{"items":[]}"#).is_err());
        assert_eq!(parse(r#"{"content":[{"id":"a","name":"A"}]}"#).unwrap().len(), 1);
        let err = parse(r#"[{"id":"a","name":"A"},{"id":"a","name":"B"}]"#).unwrap_err();
        assert!(err.message.contains("same id"), "{err}");
    }

    #[test]
    fn times_as_people_say_them() {
        assert_eq!(hhmm("17:00:00"), "5pm");
        assert_eq!(hhmm("09:30"), "9:30am");
        assert_eq!(hhmm("12:00:00"), "12 noon");
        assert_eq!(hhmm("00:00"), "midnight");
        assert_eq!(hhmm("after school"), "after school");
    }

    #[test]
    fn schedules_in_words() {
        assert_eq!(days("TU,TH"), "Tuesdays and Thursdays");
        assert_eq!(days("mo, we ,FR"), "Mondays, Wednesdays and Fridays");
        assert_eq!(days("SA"), "Saturdays");
        assert_eq!(days("1MO"), "1MO", "not a plain day code: kept as written");
        assert_eq!(days(""), "");
    }

    #[test]
    fn costs() {
        let free = |json: &str| parse(json).unwrap().remove(0).free;
        assert!(free(r#"[{"id":"a","name":"A"}]"#));
        assert!(free(r#"[{"id":"a","name":"A","cost_options":[{"amount":0}]}]"#));
        assert!(free(r#"[{"id":"a","name":"A","cost_options":[{"option":"Free for under 18s"}]}]"#));
        let paid = parse(r#"[{"id":"a","name":"A","cost_options":[{"amount":3.5,"option":"per session"}]}]"#).unwrap();
        assert!(!paid[0].free);
        assert_eq!(paid[0].cost, "£3.50 per session");
        let two = r#"[{"id":"a","name":"A","cost_options":[{"amount":3.5,"option":"per session","amount_description":"Materials included"}]}]"#;
        assert_eq!(parse(two).unwrap()[0].cost, "£3.50 per session. Materials included");
        let fees = parse(r#"[{"id":"a","name":"A","fees_description":"£2 a week"}]"#).unwrap();
        assert_eq!((fees[0].cost.as_str(), fees[0].free), ("£2 a week", false));
    }

    #[test]
    fn only_running_services_are_suggested() {
        let json = r#"[{"id":"a","name":"A","status":"Temporarily closed","application_process":" Just turn up "},
                       {"id":"b","name":"B"}]"#;
        let services = parse(json).unwrap();
        assert_eq!(services[0].status, "temporarily closed");
        assert_eq!(services[0].how, "Just turn up");
        assert!(!services[0].is_active() && services[1].is_active());
        let query = Query { wanted: vec![], ages: Ages { from: 14, to: 14 }, area: Area::parse("M14").unwrap() };
        let found = matches(&services, &query, &Mapping::default());
        assert_eq!(found.iter().map(|m| m.service.id.as_str()).collect::<Vec<_>>(), ["b"]);
    }

    #[test]
    fn mapping_checks_ids() {
        let m =
            Mapping::parse("[interests]\nmusic = [\"Music\"]\n[places]\nManchester = [\"M\"]\n", &options()).unwrap();
        assert_eq!(m.codes_of("manchester"), vec!["M".to_string()]);
        assert_eq!(m.codes_of("M14"), vec!["M14".to_string()]);
        assert!(m.codes_of("Narnia").is_empty());
        let err = Mapping::parse("[interests]\nknitting = [\"Knitting\"]\n", &options()).unwrap_err();
        assert!(err.contains("knitting") && err.contains("music, sport, tech"), "{err}");
        assert!(Mapping::parse("[hobbies]\n", &options()).is_err(), "unknown tables are refused");
        let err = Mapping::parse("[referrals]\nother = { label = \"Other\" }\n", &options()).unwrap_err();
        assert!(err.contains("always there"), "{err}");
        assert!(Mapping::parse("[referrals]\nsport = { label = \" \" }\n", &options()).is_err());
    }

    #[test]
    fn places_as_areas() {
        let m = Mapping::parse(
            "[places]\n\"Greater Manchester\" = [\"M\", \"SK\"]\n\"Moss Side\" = [\"M14\", \"M15\"]\n",
            &options(),
        )
        .unwrap();
        let gm = Area::resolve("greater  manchester", &m).unwrap();
        assert_eq!(gm, Area { districts: vec![], letters: vec!["M".into(), "SK".into()] });
        let moss = Area::resolve("Moss-Side", &m).unwrap();
        assert_eq!(moss, Area { districts: vec!["M14".into(), "M15".into()], letters: vec!["M".into()] });
        assert_eq!(Area::resolve("m14 5ab", &m).unwrap().districts, ["M14"]);
        let err = Area::resolve("Narnia", &m).unwrap_err();
        assert!(err.contains("not a postcode"), "{err}");
        let stockport = service("sk", None, None, "SK1 3XE", &[]);
        assert_eq!(distance(&stockport, &gm, &m), Some(1));
        assert_eq!(distance(&stockport, &moss, &m), None);
        assert_eq!(distance(&service("m15", None, None, "M15 5AB", &[]), &moss, &m), Some(0));
    }

    #[test]
    fn referral_kinds() {
        let m = Mapping::parse(
            "[referrals]\nmoney-food = { label = \"Money and food\", terms = [\"Food banks\"] }\n",
            &options(),
        )
        .unwrap();
        assert_eq!(m.referral_kind(&service("a", None, None, "", &["food banks"])), "money-food");
        assert_eq!(m.referral_kind(&service("b", None, None, "", &["Chess"])), OTHER_REFERRAL);
        assert_eq!(m.referral_label("money-food"), "Money and food");
        assert_eq!(m.referral_label(OTHER_REFERRAL), "Other");
        assert_eq!(m.referral_label("gone"), "gone");
    }

    #[test]
    fn ranking() {
        let mapping = Mapping::parse(
            "[interests]\nmusic = [\"Music\"]\nsport = [\"Sport\", \"Football\"]\n[places]\nManchester = [\"M\"]\n",
            &options(),
        )
        .unwrap();
        let mut services = vec![
            service("far", None, None, "M1 1AA", &["Music"]),
            service("near", None, None, "M14 5AB", &["Music"]),
            service("both", Some(11), Some(18), "M20 2AB", &["Music", "Football"]),
            service("leeds", None, None, "LS6 1AB", &["Music", "Sport"]),
            service("old", Some(18), None, "M14 5AB", &["Music"]),
            service("everywhere", None, None, "", &["Music"]),
            service("chess", None, None, "M14 5AB", &["Chess"]),
        ];
        services[0].free = false;
        let wanted = Query::wanted(&mapping, &options(), &services, &["music".into(), "sport".into()], &[]).unwrap();
        let query = Query { wanted, ages: Ages { from: 14, to: 14 }, area: Area::parse("M14 4XY").unwrap() };
        let ids: Vec<&str> = matches(&services, &query, &mapping).iter().map(|m| m.service.id.as_str()).collect();
        assert_eq!(ids, ["both", "near", "far", "everywhere"]);
        // A raw taxonomy name, and one nobody knows.
        let chess = Query::wanted(&mapping, &options(), &services, &["chess".into()], &[]).unwrap();
        assert_eq!(chess[0].terms, ["chess"]);
        assert!(Query::wanted(&mapping, &options(), &services, &["knitting".into()], &[]).is_err());
        assert!(Query::wanted(&mapping, &options(), &services, &[], &["rent".into()]).is_err());
    }
}
