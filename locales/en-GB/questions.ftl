### The questions, their buttons, the summary and the hand-off.

name-ask = What would you like me to call you? You can skip this.
btn-skip = Skip

area-ask = Where do you live, or go to school? I only need a rough idea, not your address.
area-ask-how = Type the first part of your postcode, like M14 or SW1A. Or type the name of your school or college.

topics-ask = What's on your mind at the moment? Tap all that fit, then tap Done.
topic-school = School or college
topic-friends = Friends
topic-family = Family
topic-lonely = Feeling lonely
topic-worried-low = Feeling worried or low
topic-anger = Anger
topic-sleep = Sleep
topic-money = Money
topic-housing = Housing
topic-bullied = Being bullied
topic-other = Something else
btn-done = Done ✅

what-matters-ask = What matters to you right now? Tell me in your own words. A few words is fine.

interests-ask = What do you like doing, or want to try? Tap all that fit, then tap Done.
interest-sport = Sport
interest-music = Music
interest-art = Art and making
interest-gaming = Gaming
interest-nature = Nature and outdoors
interest-animals = Animals
interest-cooking = Cooking
interest-drama = Drama
interest-volunteering = Volunteering
interest-tech = Tech
interest-reading-writing = Reading and writing
interest-faith-culture = Faith or culture groups
interest-other = Something else

wellbeing-intro = Now some quick questions about how you feel. There are no right or wrong answers. Pick a number from 0 to 10.
# The four ONS questions keep the ONS wording, so scores can be compared.
ons-life = Overall, how satisfied are you with your life nowadays? 0 means not at all. 10 means completely.
ons-worthwhile = Overall, to what extent do you feel that the things you do in your life are worthwhile? 0 means not at all. 10 means completely.
ons-happy = Overall, how happy did you feel yesterday? 0 means not at all. 10 means completely.
ons-anxious = Overall, how anxious did you feel yesterday? 0 means not at all anxious. 10 means completely anxious.
# For under-16s: the same two ONS items, in words for their age.
young-life = How do you feel about your life at the moment? 0 is the worst it could be. 10 is the best it could be.
young-happy = How happy did you feel yesterday? 0 is not happy at all. 10 is really happy.

help-ask = What would help you most? Tap all that fit, then tap Done.
help-talk = Talk to a link worker
help-activities = Find activities near me
help-practical = Help with something practical
help-not-sure = Not sure

contact-method-ask = How would you like a link worker to get in touch?
contact-chat = In this chat
contact-phone = Phone call
contact-text = Text message
phone-call-ask = What number should they call? It needs to be a UK number, like 07700 900123.
phone-text-ask = What mobile number should they text? It needs to be a UK mobile, like 07700 900123.
contact-times-ask = When is a good time to get in touch? Tap all that fit, then tap Done.
time-mornings = Mornings
time-afternoons = Afternoons
time-evenings = Evenings

checkins-ask = Can we send you a message now and then to see how you are doing? It is a few quick questions. You can stop them at any time.
btn-checkins-yes = Yes please
btn-checkins-no = No thanks

summary-intro = Thank you. Here is what you told me:
summary-consent = Can I send this to a link worker? Only the link worker team will see it.
summary-name = Name
summary-age = Age
summary-area = Area
summary-topics = On your mind
summary-what-matters = What matters
summary-interests = Likes
summary-help = What would help
summary-contact = Contact
summary-phone = Number
summary-times = Good times
summary-checkins = Check-ins
summary-nothing = (not given)
btn-yes-send = Yes, send it
btn-start-again = Start again
btn-dont-send = Don't send

handoff-done = Done! 🎉 I've sent this to a link worker. Your reference is { $reference }.
handoff-next = A link worker will get in touch within { $response_days ->
    [one] 1 working day.
   *[other] { $response_days } working days.
} If you need help before then, call Childline on 0800 1111 or text SHOUT to 85258. In an emergency, call 999.
not-sent = OK, I have not sent anything. Come back any time if you change your mind. Just send me a message.
after-handoff = Thanks. Your link worker will see this message. Your reference is { $reference }. If you need help now, call Childline on 0800 1111 or text SHOUT to 85258. In an emergency, call 999.

person-ask = Do you want to talk to a person? I can send what you've told me so far to a link worker now. Or we can carry on with the questions.
btn-send-now = Send it now
btn-keep-going = Keep going
handoff-early-done = OK. I've sent what you told me to a link worker. Your reference is { $reference }.

help-text = You can tap a button or type your answer. You can also type "back" to go to the last question, "start again" to begin again, or "talk to a person". If you are in danger now, call 999.
