# Activities from the local directory, offered at the hand-off to someone who asked for them
# ("Find activities near me"), or sent by a link worker. See docs/directory.md.

activities-intro = You asked about things to do near you. { $count ->
    [one] Here is one that might suit you.
   *[other] Here are { $count } that might suit you.
} Tap "Tell me more", or "I'm interested" so your link worker knows.
activities-none = I could not find an activity near you that fits what you like yet. Your link worker will look with you.
activities-empty = Your link worker will help you find activities near you.
activity-from-worker = { $name } from the link team thought you might like this:
# One activity: its name, then a short line about it, then ages and cost.
activity-card = { $name }
    { $about }
    { $ages } · { $cost }
activity-ages = { $kind ->
    [range] Ages { $from } to { $to }
    [from] Ages { $from } and over
    [upto] Ages up to { $to }
   *[any] Any age
}
activity-free = Free
activity-more-when = When: { $when }
activity-more-cost = Cost: { $cost }
activity-more-where = Where: { $where }
activity-more-how = How to go: { $how }
activity-more-end = If you want to go, tap "I'm interested" and your link worker will help.
activity-interested = Great! I've told your link worker you're interested in { $name }. They will help you with the next step.
activity-interested-again = Your link worker already knows you're interested in { $name }.
activity-gone = Sorry, I can't find that activity any more. Your link worker can help you find others.
activity-which = { $choice ->
    [interested] Which one are you interested in? Tap it, or type its number, 1 to { $count }.
   *[more] Which one do you want to hear more about? Tap it, or type its number, 1 to { $count }.
}
activity-no-thanks = That's OK. Your link worker can look for other things with you.
btn-activity-more = Tell me more
btn-activity-interested = I'm interested
# Typed instead of tapped, after the activities: words that ask for more, words that say
# "I'm interested", and "first, second, third" to say which.
words-activity-more = tell me more, more, more info, info, details, what is it, whats it about, when, where, how much, how do i go, tell me about
words-activity-interested = interested, im interested, i am interested, sounds good, sounds fun, i like, i like that, id like, i would like, i want, i wanna, sign me up, that one, join, i want to go, id go, lets do it, can i do, can i go, can i join, i could do
words-activity-which = first, second, third
words-activity-last = last, the last one, last one
