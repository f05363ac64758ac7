### Safeguarding: what linkup says when a message shows someone may not be safe.
### Calm, kind, first. Contacts come from flows/safety/contacts.toml ({ $number }, { $keyword }).

safety-danger = Your safety comes first. If you or someone else is in danger right now, call 999. If you can't talk, call 999 and press 55 when asked.
safety-suicide = Thank you for telling me. I'm really glad you did. You matter, and you don't have to deal with this on your own. You can talk to someone right now:
safety-self-harm = Thank you for telling me. That took courage. You deserve support, and there are people who will listen right now:
safety-abuse = Thank you for telling me. What is happening is not your fault. You deserve to be safe. You can talk to someone right now:
safety-exploitation = Thank you for telling me. This is not your fault, and you are not in trouble. You can get help right now:
safety-flagged = I've marked this as urgent for a link worker. They will read it as soon as they can, but they may not reply straight away. If you are in danger, call 999.
safety-denial = Thank you for telling me. If that ever changes, you can talk to someone any time:

contact-emergency = If your life is in danger, call { $number } or go to A&E.
contact-childline = Childline: call { $number }, free, any time.
contact-shout = Shout: text { $keyword } to { $number }, free, any time.
contact-samaritans = Samaritans: call { $number }, free, any time.
contact-papyrus = PAPYRUS HOPELINE247: call { $number }, free, any time.

safety-offer = Would you like a link worker to get in touch now? Or we can carry on with the questions.
btn-talk-now = Yes, a link worker
btn-carry-on = Carry on
