### Wersja robocza: nie sprawdzona przez rodzimego użytkownika języka. (Draft translation, not yet reviewed by a native speaker.)
### Safeguarding: what linkup says when a message shows someone may not be safe.
### Calm, kind, first. Contacts come from flows/safety/contacts.toml ({ $number }, { $keyword }).

safety-danger = Twoje bezpieczeństwo jest najważniejsze. Jeśli tobie albo komuś innemu grozi teraz niebezpieczeństwo, zadzwoń pod 999. Jeśli nie możesz mówić, zadzwoń pod 999 i naciśnij 55, kiedy cię o to poproszą.
safety-suicide = Dziękuję, że mi o tym mówisz. Bardzo dobrze, że to robisz. Liczysz się i nie musisz radzić sobie z tym w pojedynkę. Możesz teraz z kimś porozmawiać:
safety-self-harm = Dziękuję, że mi o tym mówisz. To wymagało odwagi. Zasługujesz na wsparcie. Są ludzie, którzy wysłuchają cię od razu:
safety-abuse = Dziękuję, że mi o tym mówisz. To, co się dzieje, to nie twoja wina. Masz prawo czuć się bezpiecznie. Możesz teraz z kimś porozmawiać:
safety-exploitation = Dziękuję, że mi o tym mówisz. To nie twoja wina i nie masz przez to kłopotów. Możesz dostać pomoc od razu:
safety-flagged = { $on_duty ->
    [yes] Ta wiadomość jest oznaczona dla osoby wspierającej jako pilna. Ktoś teraz pracuje i przeczyta ją jak najszybciej, ale może nie odpisać od razu. Jeśli jesteś w niebezpieczeństwie, zadzwoń pod 999.
   *[no] Ta wiadomość jest oznaczona dla osoby wspierającej jako pilna. Teraz nikt nie pracuje. Następna osoba wspierająca zaczyna pracę { next-shift }, a pilne wiadomości są czytane jako pierwsze. Do tego czasu dzwoń pod numery powyżej. Jeśli jesteś w niebezpieczeństwie, zadzwoń pod 999.
}
safety-denial = Dziękuję, że mi mówisz. Jeśli to się kiedyś zmieni, możesz z kimś porozmawiać o każdej porze:
safety-noted = Dzięki, że dajesz mi znać. Jeśli to się zmieni, możesz z kimś porozmawiać o każdej porze, w dzień i w nocy:
safety-review = W porządku. Osoba wspierająca przeczyta twoje odpowiedzi, żeby móc sprawdzić, jak się masz. Jeśli chcesz z kimś porozmawiać wcześniej:

## When the next link worker starts: $next_day is today, tomorrow, mon … sun, or later.
next-shift = { $next_day ->
    [today] dziś o { $next_time }
    [tomorrow] jutro o { $next_time }
    [mon] w poniedziałek o { $next_time }
    [tue] we wtorek o { $next_time }
    [wed] w środę o { $next_time }
    [thu] w czwartek o { $next_time }
    [fri] w piątek o { $next_time }
    [sat] w sobotę o { $next_time }
    [sun] w niedzielę o { $next_time }
   *[later] zaraz po ponownym otwarciu serwisu
}

contact-emergency = Jeśli twoje życie jest w niebezpieczeństwie, zadzwoń pod { $number } albo idź na SOR, czyli oddział ratunkowy w szpitalu (A&E).
contact-childline = Childline: zadzwoń pod { $number }, za darmo, o każdej porze.
contact-shout = Shout: wyślij SMS o treści { $keyword } na numer { $number }, za darmo, o każdej porze.
contact-samaritans = Samaritans: zadzwoń pod { $number }, za darmo, o każdej porze.
contact-papyrus = PAPYRUS HOPELINE247: zadzwoń pod { $number }, za darmo, o każdej porze.
contact-samaritans-welsh = Samaritans po walijsku: zadzwoń pod { $number }, za darmo, codziennie wieczorem od 19:00 do 23:00.

## Said after the contacts to someone using linkup in another language than English.
contacts-in-english = Te telefony zaufania działają po angielsku. Jeśli angielski jest dla ciebie trudny, zadzwoń pod 999 i powiedz po angielsku nazwę swojego języka: „Polish” (czytaj: „polisz”). Wtedy mogą załatwić tłumacza.

safety-offer = Czy chcesz, żeby osoba wspierająca skontaktowała się z tobą teraz? Albo możemy iść dalej z pytaniami.
btn-talk-now = Tak, osoba wspierająca
    .also = osoba wspierająca, osoba wspierajaca, osobę wspierającą, osobe wspierajaca, rozmowa, ktoś, ktos, człowiek, czlowiek, tak, chcę, chce, chcę porozmawiać, chce porozmawiac
btn-carry-on = Idziemy dalej
    .also = dalej, idźmy dalej, idzmy dalej, kontynuuj, nie, wszystko ok, jest ok, nic mi nie jest, jest dobrze, dam radę, dam rade

## The hand-off after a crisis: honest about when, from the service's hours ([urgent]).
handoff-urgent-next = { $on_duty ->
    [yes] To jest oznaczone jako pilne, więc osoba wspierająca zajrzy do tego najpierw. Ktoś teraz pracuje, ale może nie odpisać od razu.
   *[no] To jest oznaczone jako pilne, więc zostanie przeczytane jako pierwsze. Teraz nikt nie pracuje. Następna osoba wspierająca zaczyna pracę { next-shift }.
} Do tego czasu możesz dzwonić pod numery ode mnie o każdej porze, w dzień i w nocy. Jeśli jesteś w niebezpieczeństwie, zadzwoń pod 999.

## When the safety check is unsure: one direct question about what it noticed ($category).
## A yes is treated as a crisis. The flow picks the wording for 16 and over, or younger.
safety-ask = { $category ->
    [suicide] Chcę sprawdzić, czy dobrze cię rozumiem. Czy myślisz o odebraniu sobie życia?
    [self_harm] Chcę sprawdzić, czy dobrze cię rozumiem. Czy robisz sobie krzywdę albo o tym myślisz?
    [abuse] Chcę sprawdzić, czy dobrze cię rozumiem. Czy ktoś cię krzywdzi albo sprawia, że się boisz?
    [exploitation] Chcę sprawdzić, czy dobrze cię rozumiem. Czy ktoś na ciebie naciska, każe ci trzymać coś w tajemnicy albo zmusza cię do rzeczy, których nie chcesz robić?
   *[danger] Chcę sprawdzić, czy wszystko u ciebie w porządku. Czy jesteś teraz w niebezpieczeństwie?
}
safety-ask-younger = { $category ->
    [suicide] Mogę cię o coś zapytać? Czy czujesz, że nie chcesz żyć?
    [self_harm] Mogę cię o coś zapytać? Czy robisz sobie krzywdę specjalnie?
    [abuse] Mogę cię o coś zapytać? Czy ktoś cię krzywdzi albo sprawia, że się boisz?
    [exploitation] Mogę cię o coś zapytać? Czy ktoś każe ci trzymać coś w tajemnicy albo robić rzeczy, których nie chcesz robić?
   *[danger] Mogę cię o coś zapytać? Czy jesteś teraz w niebezpieczeństwie?
}

## A direct question everyone is asked after the wellbeing questions (adapted from the ASQ).
safety-screen-intro = Dziękuję. Jeszcze jedno pytanie. Zadaję je wszystkim, bo jest ważne.
safety-screen-ask = Czy w ostatnich kilku tygodniach zdarzały ci się myśli o tym, żeby zrobić sobie krzywdę albo odebrać sobie życie?
safety-screen-ask-younger = Czy w ostatnich kilku tygodniach zdarzało ci się myśleć o tym, żeby zrobić sobie krzywdę? Albo o tym, żeby nie żyć?
btn-yes = Tak
    .also = no tak, mhm, tak było, tak bylo, zdarzało się, zdarzalo sie, zdarzały się, zdarzaly sie, zdarza się, zdarza sie, czasami tak, czasem tak, niestety tak
btn-no = Nie
    .also = nie było, nie bylo, nie zdarzało się, nie zdarzalo sie, nigdy, ani razu, wcale, w ogóle nie, w ogole nie
btn-rather-not-say = Wolę nie mówić
    .also = wolę nie, wole nie, wolę nie odpowiadać, wole nie odpowiadac, nie chcę mówić, nie chce mowic, nie chcę odpowiadać, nie chce odpowiadac, nie chcę o tym mówić, nie chce o tym mowic, nie powiem, pomiń, pomin
