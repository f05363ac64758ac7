-- Why a case was shared with link workers without the consent question: "asked-early" (the
-- young person asked to send it before the questions ended) or "safeguarding" (a crisis or a
-- worry opened it). NULL when consent was asked.
ALTER TABLE cases ADD COLUMN shared_without_consent TEXT;
