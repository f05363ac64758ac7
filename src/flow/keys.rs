//! The answer keys (`save = "..."` in a flow) that fill a case's fields, and the two the engine
//! reads itself at the hand-off: consent to share, whether check-ins were wanted, and whether
//! activities were.

pub const NAME: &str = "name";
pub const AGE_BAND: &str = "age_band";
pub const AREA: &str = "area";
pub const TOPICS: &str = "topics";
pub const WHAT_MATTERS: &str = "what_matters";
pub const INTERESTS: &str = "interests";
pub const HELP: &str = "help";
pub const CONTACT_METHOD: &str = "contact_method";
pub const CONTACT_TIMES: &str = "contact_times";
pub const PHONE: &str = "phone";
pub const CONSENT: &str = "consent_share";
/// "yes": the young person would like check-in reminders after the hand-off.
pub const CHECKINS: &str = "checkins";
/// The option of [`HELP`] that asks for activities near them: the hand-off then suggests some
/// from the directory.
pub const ACTIVITIES: &str = "activities";
