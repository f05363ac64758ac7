### Safeguarding: what linkup says when a message shows someone may not be safe.
### Calm, kind, first. Contacts come from flows/safety/contacts.toml ({ $number }, { $keyword }).

safety-danger = Your safety comes first. If you or someone else is in danger right now, call 999. If you can't talk, call 999 and press 55 when asked.
safety-suicide = Thank you for telling me. I'm really glad you did. You matter, and you don't have to deal with this on your own. You can talk to someone right now:
safety-self-harm = Thank you for telling me. That took courage. You deserve support, and there are people who will listen right now:
safety-abuse = Thank you for telling me. What is happening is not your fault. You deserve to be safe. You can talk to someone right now:
safety-exploitation = Thank you for telling me. This is not your fault, and you are not in trouble. You can get help right now:
safety-flagged = { $on_duty ->
    [yes] I've marked this as urgent for a link worker. Someone is working now and will read it as soon as they can, but they may not reply straight away. If you are in danger, call 999.
   *[no] I've marked this as urgent for a link worker. Nobody is working right now. The next link worker starts { next-shift }, and urgent messages are read first. Until then, please use the numbers above. If you are in danger, call 999.
}
safety-denial = Thank you for telling me. If that ever changes, you can talk to someone any time:
safety-noted = Thanks for letting me know. If that changes, you can talk to someone any time, day or night:
safety-review = That's OK. A link worker will read what you told me, so they can check in with you. If you want to talk to someone before then:

## When the next link worker starts: $next_day is today, tomorrow, mon … sun, or later.
next-shift = { $next_day ->
    [today] today at { $next_time }
    [tomorrow] tomorrow at { $next_time }
    [mon] on Monday at { $next_time }
    [tue] on Tuesday at { $next_time }
    [wed] on Wednesday at { $next_time }
    [thu] on Thursday at { $next_time }
    [fri] on Friday at { $next_time }
    [sat] on Saturday at { $next_time }
    [sun] on Sunday at { $next_time }
   *[later] as soon as the service opens again
}

contact-emergency = If your life is in danger, call { $number } or go to A&E.
contact-childline = Childline: call { $number }, free, any time.
contact-shout = Shout: text { $keyword } to { $number }, free, any time.
contact-samaritans = Samaritans: call { $number }, free, any time.
contact-papyrus = PAPYRUS HOPELINE247: call { $number }, free, any time.
contact-samaritans-welsh = Samaritans in Welsh: call { $number }, free, every evening from 7pm to 11pm.

## Said after the contacts to someone using linkup in another language than English.
contacts-in-english = These helplines speak English. If English is hard for you, call 999 and say the name of your language: they can get an interpreter.

safety-offer = Would you like a link worker to get in touch now? Or we can carry on with the questions.
btn-talk-now = Yes, a link worker
    .also = link worker, a link worker, talk, someone, person, yes
btn-carry-on = Carry on
    .also = carry on, continue, keep going, no, im ok, im fine

## The hand-off after a crisis: honest about when, from the service's hours ([urgent]).
handoff-urgent-next = { $on_duty ->
    [yes] It is marked urgent, so a link worker will look at it first. Someone is working now, but they may not reply straight away.
   *[no] It is marked urgent, so it will be read first. Nobody is working right now. The next link worker starts { next-shift }.
} Until then, the numbers I sent you are there any time, day or night. If you are in danger, call 999.

## When the safety check is unsure: one direct question about what it noticed ($category).
## A yes is treated as a crisis. The flow picks the wording for 16 and over, or younger.
safety-ask = { $category ->
    [suicide] I want to check I've understood you. Are you having thoughts of ending your life?
    [self_harm] I want to check I've understood you. Are you hurting yourself, or thinking about it?
    [abuse] I want to check I've understood you. Is someone hurting you, or making you feel scared?
    [exploitation] I want to check I've understood you. Is someone pressuring you, asking you to keep secrets, or making you do things you don't want to do?
   *[danger] I want to check you're OK. Are you in danger right now?
}
safety-ask-younger = { $category ->
    [suicide] Can I ask you something? Do you feel like you don't want to be alive?
    [self_harm] Can I ask you something? Are you hurting yourself on purpose?
    [abuse] Can I ask you something? Is someone hurting you, or making you scared?
    [exploitation] Can I ask you something? Is someone asking you to keep secrets, or to do things you don't want to do?
   *[danger] Can I ask you something? Are you in danger right now?
}

## A direct question everyone is asked after the wellbeing questions (adapted from the ASQ).
safety-screen-intro = Thank you. One more question. I ask everyone this, because it matters.
safety-screen-ask = In the last few weeks, have you had thoughts of hurting yourself, or of ending your life?
safety-screen-ask-younger = In the last few weeks, have you thought about hurting yourself, or wished you were not alive?
btn-yes = Yes
    .also = yeah, yea, yep, yup, ye, yh, yes i have, yeah i have, sometimes yes
btn-no = No
    .also = nope, nah, na, no i havent, no never, never
btn-rather-not-say = I'd rather not say
    .also = rather not, id rather not, prefer not to say, dont want to say, not saying, pass, skip
