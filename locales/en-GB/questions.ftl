### The questions, their buttons, the summary and the hand-off.

name-ask = What would you like me to call you? You can skip this.
btn-skip = Skip
    .also = no, none, nope, nah, pass, skip it, rather not, id rather not, no thanks, dont want to, dont mind, not telling

area-ask = Where do you live, or go to school? I only need a rough idea, not your address.
area-ask-how = Type the first part of your postcode, like M14 or SW1A. Or type the name of your school or college.

topics-ask = What's on your mind at the moment? Tap all that fit, then tap Done.
topic-school = School or college
    .also = school, college, uni, university, exams, exam, homework, teachers, sixth form, lessons, gcses, a levels
topic-friends = Friends
    .also = mates, my mates, friendship, friendships, my friends, frends, freinds, fallouts, falling out
topic-family = Family
    .also = mum, dad, parents, my mum, my dad, my parents, brother, sister, siblings, fam, step dad, stepdad, step mum, home life
topic-lonely = Feeling lonely
    .also = lonely, alone, loneliness, no friends, isolated, on my own, by myself
topic-worried-low = Feeling worried or low
    .also = worried, worry, worrying, anxious, anxiety, low, sad, down, stress, stressed, depressed, mental health, feeling low, feeling down, nervous
topic-anger = Anger
    .also = angry, temper, mad, anger issues, losing my temper, rage
topic-sleep = Sleep
    .also = sleeping, tired, cant sleep, insomnia, no sleep, nightmares
topic-money = Money
    .also = cash, skint, broke, debt, bills, no money, paying for stuff
topic-housing = Housing
    .also = house, flat, moving house, where i live, landlord, rent, place to live
topic-bullied = Being bullied
    .also = bullying, bullies, bully, picked on, getting picked on, bullied
topic-other = Something else
    .also = something else, other, else, other stuff, something different
btn-done = Done ✅

what-matters-ask = What matters to you right now? Tell me in your own words. A few words is fine.

interests-ask = What do you like doing, or want to try? Tap all that fit, then tap Done.
interest-sport = Sport
    .also = sports, football, footy, footie, soccer, basketball, netball, rugby, cricket, tennis, swimming, gym, boxing, running, athletics, hockey, martial arts, skating, skateboarding, cycling, bmx
interest-music = Music
    .also = singing, guitar, piano, drums, rap, rapping, music production, band, djing, making music
interest-art = Art and making
    .also = art, drawing, painting, crafts, making things, photography, sketching, design, sewing, knitting
interest-gaming = Gaming
    .also = games, video games, xbox, ps5, playstation, fortnite, minecraft, roblox, gamin, gaming, pc games, fifa
interest-nature = Nature and outdoors
    .also = nature, outdoors, walking, hiking, camping, fishing, gardening, the outdoors, being outside
interest-animals = Animals
    .also = animals, dogs, cats, horses, pets, my dog, my cat, horse riding
interest-cooking = Cooking
    .also = cooking, baking, food, bake, cook
interest-drama = Drama
    .also = acting, theatre, dance, dancing, performing, musicals
interest-volunteering = Volunteering
    .also = helping, helping people, charity, volunteer, helping out
interest-tech = Tech
    .also = coding, computers, programming, tech, making apps, robots, electronics
interest-reading-writing = Reading and writing
    .also = books, reading, writing, poetry, stories, poems, comics, manga
interest-faith-culture = Faith or culture groups
    .also = church, mosque, temple, gurdwara, synagogue, faith, religion, culture
interest-other = Something else
    .also = something else, other, else

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
    .also = talk, talking, someone to talk to, a chat, talking to someone, to talk
help-activities = Find activities near me
    .also = activities, things to do, clubs, activity, stuff to do, a club, groups
help-practical = Help with something practical
    .also = practical, practical help, help with something, sorting stuff out
help-not-sure = Not sure
    .also = not sure, idk, dunno, i dont know, dont know, no idea, unsure

contact-method-ask = How would you like a link worker to get in touch?
contact-chat = In this chat
    .also = chat, here, this chat, telegram, message, messages, online, on here, message me
contact-phone = Phone call
    .also = call, phone, ring, ring me, call me, phone me, a call, phonecall
contact-text = Text message
    .also = text, sms, text me, texts, a text, texting
phone-call-ask = What number should they call? It needs to be a UK number, like 07700 900123.
phone-text-ask = What mobile number should they text? It needs to be a UK mobile, like 07700 900123.
contact-times-ask = When is a good time to get in touch? Tap all that fit, then tap Done.
time-mornings = Mornings
    .also = morning, mornings, am, before school, early
time-afternoons = Afternoons
    .also = afternoon, afternoons, after school, after college, pm, lunchtime
time-evenings = Evenings
    .also = evening, evenings, night, nights, after work, tea time, late

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
    .also = start over, redo, do it again
btn-dont-send = Don't send
    .also = no, dont, nah, dont send it, no dont

handoff-done = Done! 🎉 I've sent this to a link worker. Your reference is { $reference }.
handoff-next = A link worker will get in touch within { $response_days ->
    [one] 1 working day.
   *[other] { $response_days } working days.
} If you need help before then, call Childline on 0800 1111 or text SHOUT to 85258. In an emergency, call 999.
not-sent = OK, I have not sent anything. Come back any time if you change your mind. Just send me a message.
after-reopened = Thanks. Your case was closed, so I've opened it again and sent your message to the link worker team. Someone will read it. Your reference is { $reference }. If you need help now, call Childline on 0800 1111 or text SHOUT to 85258. In an emergency, call 999.
after-withdrawn = You took back your OK to share, so a link worker will not see this message. If you need help now, call Childline on 0800 1111 or text SHOUT to 85258. In an emergency, call 999.
after-handoff = Thanks. Your link worker will see this message. Your reference is { $reference }. If you need help now, call Childline on 0800 1111 or text SHOUT to 85258. In an emergency, call 999.

person-ask = Do you want to talk to a person? I can send what you've told me so far to a link worker now. Or we can carry on with the questions.
btn-send-now = Send it now
    .also = send, send it, now, yes
btn-keep-going = Keep going
    .also = carry on, keep going, continue, go on, no
early-age-ask = Before I send it, how old are you? Then I know who can help.
handoff-early-done = OK. I've sent what you told me to a link worker. Your reference is { $reference }.

help-text =
    You can tap a button or type your answer. You can also type "back" to go to the last question, "start again" to begin again, or "talk to a person". If you are in danger now, call 999.

    You can type these at any time:
    { $commands }

# Under a wellbeing question asked in English because it has no official translation (never
# shown in English itself).
measure-in-english = This question stays in English, so that everyone's answers can be compared. Tap the number that fits.
