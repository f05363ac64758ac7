### Words linkup itself uses: re-asks, notes and the keywords it listens for.

reask-choose-button = Sorry, I didn't get that. Tap a button, or type your answer a different way.
reask-old-button = That button is from an earlier question. Here's where we are now.
reask-pick-at-least = { $min ->
    [one] Please pick at least one, then tap Done.
   *[other] Please pick at least { $min }, then tap Done.
}
reask-scale = Please pick a number from { $min } to { $max }.
back-at-start = This is the first question, so there is nothing to go back to.
restarting = OK, let's start again.
welcome-back = Welcome back! Let's carry on where we were.
unknown-command = Sorry, I don't know that command. Type help to see what you can do.
reask-text-empty = I didn't get anything there. Please try again.
reask-text-too-long = That's a bit long for me. Can you say it in { $max } letters or less?
reask-needs-words = I can't read emoji very well. Can you tell me in words?
reask-area = Sorry, I didn't get that. Try the first part of your postcode, like M14. Or type the name of your school or college.
reask-area-address = Please don't send your home address. The first part of your postcode is fine, like M14. Or the name of your school or college.
note-area-district = Thanks. I only need { $district }, so that's all I have kept.
reask-phone = That doesn't look like a UK phone number. Please try again, like 07700 900123.
reask-mobile = That doesn't look like a UK mobile number. Mobile numbers start with 07, like 07700 900123.

# Comma-separated words that work at any question. Not "help me": that can be a cry for help,
# and must reach the safety check as words.
keywords-back = back, go back, previous, undo
keywords-restart = start again, restart, start over, begin again
keywords-help = help, what do i do, how does this work
keywords-person = talk to a person, talk to someone, speak to a person, real person, a person, human

# Words for reading answers typed instead of tapped (comma-separated, any case). A button's own
# other names are its `.also` attribute, next to its label (see questions.ftl).
words-yes = yes, yeah, yea, yeh, yep, yup, ye, yes please, ya, yh, ok, okay, okey, k, kk, sure, alright, aight, fine, go on, please, defo, definitely, of course, course, 👍, 👌, ✅
# Of the yes words, those that are only a loose yes: a question about what cannot be undone
# (`careful = true`, such as /delete) asks again rather than take them.
words-loose-yes = ok, okay, okey, k, kk, sure, alright, aight, fine, go on, please, 👍, 👌
words-no = no, nah, nope, na, naa, nah thanks, no thanks, not really, not rly, 👎, ❌
words-done = done, dun, thats it, thats all, that is it, thats everything, nothing else, no more, finished, all done, none, nothing, nah thats it, no thats it, thats me, next
words-filler = um, umm, erm, er, uh, hmm, like, i, think, guess, probably, prob, prolly, maybe, about, around, roughly, its, it, a, an, the, id, say, would, just, so, tbh, honestly, lol, x, xx, my, please, pls, plz, thanks, thx, ty, really, well
words-numbers = zero, one, two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, thirteen, fourteen, fifteen, sixteen, seventeen, eighteen, nineteen, twenty, twenty one, twenty two, twenty three, twenty four, twenty five
words-age = im, i am, am, age, aged, years, yrs, year, old, yo, turning, turned, nearly, almost, just, in, at, school
words-under = under, below, younger than, less than
words-over = over, older than, more than, above
words-and = and, n, an, also, plus, or, with, &, +
words-school-year = year, yr
did-you-mean = Did you mean this? Tap it if so.
guess-not-that = OK. Tap a button, or type it another way.
btn-guess-no = No, something else
btn-guess-keep = No, keep what I typed
btn-cmd-back = Go back
btn-cmd-restart = Start again
btn-cmd-help = Help
btn-cmd-person = Talk to a person

# After the hand-off: what help, "talk to a person", "back" and "start again" mean then.
handed-off-help =
    Your link worker has what you told me. Anything you type here goes to them. If you are in danger now, call 999.

    You can type these at any time:
    { $commands }
handed-off-person = You are already with the link worker team. Type your message here and they will see it. Your reference is { $reference }.
handed-off-back = I've already sent your answers to a link worker, so I can't go back or start again. If something has changed, tell me here and your link worker will see it.

media-not-read = Sorry, I can only read text and buttons. Can you type it instead?
command-not-yet = Sorry, I can't do that yet. A link worker can help: type talk to a person.

# Data rights: /delete and /stop.
privacy-delete-ask = Do you want me to delete everything you told linkup? This can't be undone. A link worker will see that you asked, but not what you said.
btn-delete-yes = Yes, delete it all
btn-delete-no = No, keep it
privacy-deleted = Done. I've deleted what you told linkup. Telegram keeps its own copy of this chat. You can clear it in the app. If you need help, call Childline on 0800 1111.
privacy-kept = OK, I won't delete anything.
privacy-paused = OK, I've paused everything. I won't send you any messages until you write to me again.

# Data rights: /mydata and taking back consent.
mydata-summary = Here is what linkup has about you:
    • Reference: { $reference }
    • Name: { $name }
    • Age: { $age }
    • Area: { $area }
    • How to contact you: { $contact }
    • Phone: { $phone }
    • { $shared ->
        [asked-early] You asked me to send it to a link worker early, so I did not ask if that was OK.
        [safeguarding] I sent it to a link worker to help keep you safe, so I did not ask if that was OK.
       *[other] You said OK to share on: { $consent }
    }
    • Messages kept: { $messages }
    • Wellbeing answers: { $scores }
    The file below has all of it.
mydata-nothing = So far I only have our chat: { $messages } messages. The file below has all of it.
mydata-file = Here is all of it in one file.
btn-withdraw = Take back my OK
btn-delete = Delete my data
consent-withdraw-ask = Do you want to take back your OK to share? A link worker will stop contacting you and your case will be closed. What you told us stays until you delete it.
btn-withdraw-yes = Yes, take it back
btn-withdraw-no = No, keep it
consent-withdrawn = Done. Your case is closed and no link worker will contact you. You can also delete what you told us.
consent-kept = OK, nothing has changed.

# The menu (/menu). While a link worker is in contact, /menu gives the bot back.
menu = What would you like to do?
data-rights-help = Tap a button, or type your answer. Nothing is deleted unless you say yes. If you are in danger now, call 999.
btn-menu-worker = Talk to my link worker
btn-menu-carry = Carry on
btn-menu-mydata = See my data
btn-menu-stop = Pause messages
menu-worker-back = OK. Your messages go to { $worker } again.

# A link worker's message, with their first name.
contact-from-worker = { $name } (your link worker):
    { $text }

## Check-ins (after the hand-off). The reminder shows on a lock screen: keep it neutral.
checkin-reminder = Hi, it's linkup. Have you got a minute for a quick check-in?
btn-checkin-now = Yes, let's do it
btn-checkin-later = Not now
btn-checkin-stop = Stop check-ins
btn-checkin-chart = See my chart
checkin-progress = Question { $question } of { $questions }
checkin-help = Tap the answer that fits you, or type it. Type "back" to change your last answer. Your link worker sees your answers. If you are in danger now, call 999.
checkin-done = Thanks! That's your check-in done. Your link worker can see your answers.
checkin-snoozed = OK. We will ask again tomorrow.
checkin-stopped = OK. We won't send check-ins any more. You can still send /checkin at any time.
checkin-no-case = Check-ins start after you send your details to a link worker. Send /start to begin.
checkin-not-for-age = Sorry, check-ins are not set up for your age group. Your link worker can still help.
checkin-ended = That check-in has ended. Do you want to start a new one?
checkin-chart = Here is how your answers have changed over time.
checkin-chart-nothing = There are no answers to show yet. Do a check-in first.
chart-title = How you've been
chart-note-higher = Higher is better.
chart-note-lower = Higher is better. For { $items }, lower is better.
chart-life = Life
chart-worthwhile = Worthwhile
chart-happy = Happy
chart-anxious = Worried

# The commands (/name), as a chat app's menu and the help text list them. Short: a menu line.
cmd-start = Start, or carry on where you were
cmd-help = How this works
cmd-checkin = A quick wellbeing check-in
cmd-mydata = See what linkup keeps about you
cmd-delete = Delete what linkup keeps about you
cmd-stop = Pause all messages
cmd-language = Change language
cmd-menu = Show the menu
cmd-back = Go back to the last question
cmd-restart = Start again
cmd-person = Talk to a person

# The web chat's page.
web-title = linkup
web-intro = Hi! This is linkup. You can tell us what matters to you, and a link worker can help you find things to do and people to talk to. It is free, and you do not need an account. If you are in danger now, call 999.
web-start = Start
web-exit = Leave quickly
web-exit-hint = Press "Leave quickly" or Esc three times to leave this page fast.
web-type = Type your message
web-send = Send
web-you = You
web-bot = linkup
web-worker = Link worker
web-too-long = That message is too long. Please make it shorter and send it again.
web-too-fast = You're sending messages very fast. Wait a moment, then try again. Your message is still here.
web-expired = This page was open for a while. Your message is still here: please send it again.
web-wrong-site = This message did not come from the linkup page, so it was not sent. Open the chat again and send it from there.
web-deleted = Done. Everything linkup had about you is deleted. You can close this page.
web-code-title = Your come back code
web-code-text = Write it down or take a screenshot. To read your link worker's replies on another phone or computer, open this page there and type the code in. Keep it private: anyone with it can read this chat.
web-return-label = Been here before? Type your come back code
web-return-button = Carry on
web-code-wrong = That code did not work. Check it and try again.
web-download = Download the file

## Languages (/language). language-name is this language's own name: it is shown on its button
## to everyone, whatever language they use. Its .also lists other names people type for it.
language-name = English
    .also = english, eng, saesneg, angielski, англійська, انجليزي, الانجليزية
language-ask = Which language would you like me to use?
language-help = Tap a language, or type its name.
language-set = OK. I'll use English from now on. You can change it any time with /language.
