### Words linkup itself uses: re-asks, notes and the keywords it listens for.

reask-choose-button = Please tap one of the buttons.
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

media-not-read = Sorry, I can only read text and buttons. Can you type it instead?
command-not-yet = Sorry, I can't do that yet. A link worker can help: type talk to a person.

# Data rights: /delete and /stop.
privacy-delete-ask = Do you want me to delete everything you told linkup? This can't be undone. A link worker will see that you asked, but not what you said.
btn-delete-yes = Yes, delete it all
btn-delete-no = No, keep it
privacy-deleted = Done. I've deleted what you told linkup. Telegram keeps its own copy of this chat. You can clear it in the app. If you need help, call Childline on 0800 1111.
privacy-kept = OK, I won't delete anything.
privacy-paused = OK, I've paused everything. I won't send you any messages until you write to me again.
