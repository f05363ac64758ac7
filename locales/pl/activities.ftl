# Zajęcia z lokalnego katalogu. Wersja robocza: nie sprawdził jej jeszcze native speaker.

activities-intro = Pytałeś o zajęcia w pobliżu. { $count ->
    [one] Oto jedno, które może ci pasować.
    [few] Oto { $count }, które mogą ci pasować.
    [many] Oto { $count }, które mogą ci pasować.
   *[other] Oto { $count }, które mogą ci pasować.
} Stuknij „Powiedz więcej” albo „Interesuje mnie to”, żeby twój opiekun wiedział.
activities-none = Nie udało mi się jeszcze znaleźć zajęć w pobliżu, które pasują do tego, co lubisz. Twój opiekun poszuka razem z tobą.
activities-empty = Twój opiekun pomoże ci znaleźć zajęcia w pobliżu.
activity-from-worker = { $name } z zespołu pomyślał(a), że to może ci się spodobać:
activity-card = { $name }
    { $about }
    { $ages } · { $cost }
activity-ages = { $kind ->
    [range] Wiek od { $from } do { $to }
    [from] Wiek od { $from }
    [upto] Wiek do { $to }
   *[any] Każdy wiek
}
activity-free = Za darmo
activity-more-when = Kiedy: { $when }
activity-more-cost = Koszt: { $cost }
activity-more-where = Gdzie: { $where }
activity-more-how = Jak dołączyć: { $how }
activity-more-end = Jeśli chcesz pójść, stuknij „Interesuje mnie to”, a twój opiekun pomoże.
activity-interested = Super! Powiedziałem twojemu opiekunowi, że interesuje cię { $name }. Pomoże ci w następnym kroku.
activity-interested-again = Twój opiekun już wie, że interesuje cię { $name }.
activity-gone = Przepraszam, nie mogę już znaleźć tych zajęć. Twój opiekun pomoże ci znaleźć inne.
activity-which = { $choice ->
    [interested] Które cię interesuje? Stuknij je albo wpisz jego numer, od 1 do { $count }.
   *[more] O którym chcesz wiedzieć więcej? Stuknij je albo wpisz jego numer, od 1 do { $count }.
}
activity-no-thanks = W porządku. Twój opiekun może poszukać z tobą czegoś innego.
btn-activity-more = Powiedz więcej
btn-activity-interested = Interesuje mnie to
words-activity-more = powiedz więcej, powiedz wiecej, więcej, wiecej, więcej info, informacje, szczegóły, szczegoly, kiedy, gdzie, ile kosztuje, jak dojść
words-activity-interested = interesuje mnie, interesuje mnie to, brzmi dobrze, brzmi super, podoba mi się, podoba mi sie, chcę, chce, chciałbym, chciałabym, zapisz mnie, to, dołączam
words-activity-which = pierwsze, drugie, trzecie
words-activity-last = ostatnie, to ostatnie
