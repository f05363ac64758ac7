### Welcome, age and the kind exits. Keep sentences short: a reading age of 9 to 11.

welcome-hello = Hi! 👋 I'm the linkup bot. I help young people find things that can make life feel a bit better. That could be a club, sport, music, or someone to talk to.
welcome-not-emergency = A real person, called a link worker, will read what you tell me. I am not an emergency service. If you are in danger now, call 999. You can call Childline free on 0800 1111, text SHOUT to 85258, or call Samaritans free on 116 123. They are there day and night.
welcome-privacy = What you tell me is kept safe. Only the link worker team can see it. They will not share it, unless they are worried that you or someone else is not safe.
welcome-ready = I'll ask you some short questions. It takes about 5 minutes. You can type back, start again, help or talk to a person at any time. Shall we start?
btn-yes-lets-go = Yes, let's go
btn-not-now = Not now
    .also = no, nah, not yet, later, no thanks, maybe later
bye-not-now = That's OK. Come back any time. Just send me a message. If you need help now, call Childline on 0800 1111 or text SHOUT to 85258.

age-ask = How old are you?
age-under-11 = Under 11
age-11-12 = 11–12
age-13-15 = 13–15
age-16-18 = 16–18
age-19-25 = 19–25
age-over-25 = Over 25

outside-younger = Thank you for telling me. This service is for a different age group, so I can't pass this on.
outside-younger-where = A grown-up you trust, like a parent, carer or teacher, can help you find support. You can call Childline free on 0800 1111, any time.
outside-older = Thank you for telling me. This service is for a different age group, so I can't pass this on.
outside-older-where = Your GP, college or uni can help you find support near you. You can call Samaritans free on 116 123, any time. In an emergency, call 999.
