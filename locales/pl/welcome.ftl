### Wersja robocza: nie sprawdzona przez rodzimego użytkownika języka. (Draft translation, not yet reviewed by a native speaker.)
### Welcome, age and the kind exits. Keep sentences short: a reading age of 9 to 11.

welcome-hello = Cześć! 👋 Jestem bot linkup. Pomagam młodym ludziom znaleźć rzeczy, dzięki którym życie może być trochę lepsze. Może to być klub, sport, muzyka albo ktoś do rozmowy.
welcome-not-emergency = To, co mi napiszesz, przeczyta prawdziwa osoba. Nazywamy ją osobą wspierającą (po angielsku: link worker). Nie jestem służbą ratunkową. Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999. Możesz za darmo zadzwonić do Childline pod numer 0800 1111, wysłać SMS o treści SHOUT na numer 85258 albo za darmo zadzwonić do Samaritans pod numer 116 123. Działają w dzień i w nocy.
welcome-privacy = To, co mi napiszesz, jest bezpieczne. Widzi to tylko zespół osób wspierających. Nikomu tego nie przekażą, chyba że będą się martwić, że tobie albo komuś innemu coś grozi.
welcome-ready = Zadam ci kilka krótkich pytań. To zajmie około 5 minut. W każdej chwili możesz wpisać „wstecz”, „od nowa”, „pomoc” albo „rozmowa z człowiekiem”. Zaczynamy?
btn-yes-lets-go = Tak, zaczynamy
btn-not-now = Nie teraz
    .also = nie, jeszcze nie, później, pozniej, może później, moze pozniej, potem, innym razem, nie dziękuję, nie dziekuje, nie dzięki, nie dzieki
bye-not-now = Nic nie szkodzi. Wróć, kiedy chcesz. Po prostu napisz do mnie. Jeśli potrzebujesz pomocy teraz, zadzwoń do Childline pod numer 0800 1111 albo wyślij SMS o treści SHOUT na numer 85258.

age-ask = Ile masz lat?
age-under-11 = Poniżej 11
age-11-12 = 11–12
age-13-15 = 13–15
age-16-18 = 16–18
age-19-25 = 19–25
age-over-25 = Powyżej 25

outside-younger = Dziękuję, że mi to mówisz. Ten serwis jest dla innej grupy wiekowej, więc nie mogę tego nikomu przekazać.
outside-younger-where = Dorosła osoba, której ufasz, na przykład rodzic, opiekun albo nauczyciel, może pomóc ci znaleźć wsparcie. Możesz za darmo zadzwonić do Childline pod numer 0800 1111, o każdej porze.
outside-older = Dziękuję, że mi to mówisz. Ten serwis jest dla innej grupy wiekowej, więc nie mogę tego nikomu przekazać.
outside-older-where = Twój lekarz rodzinny (GP), college albo uczelnia mogą pomóc ci znaleźć wsparcie w okolicy. Możesz za darmo zadzwonić do Samaritans pod numer 116 123, o każdej porze. W nagłej sytuacji zadzwoń pod 999.
