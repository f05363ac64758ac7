### Wersja robocza: nie sprawdzona przez rodzimego użytkownika języka. (Draft translation, not yet reviewed by a native speaker.)
### Words linkup itself uses: re-asks, notes and the keywords it listens for.

reask-choose-button = Przepraszam, nie rozumiem. Kliknij przycisk albo napisz odpowiedź inaczej.
reask-old-button = Ten przycisk jest z wcześniejszego pytania. Oto, gdzie teraz jesteśmy.
reask-pick-at-least = { $min ->
    [one] Wybierz co najmniej jedną odpowiedź, a potem kliknij Gotowe.
    [few] Wybierz co najmniej { $min } odpowiedzi, a potem kliknij Gotowe.
    [many] Wybierz co najmniej { $min } odpowiedzi, a potem kliknij Gotowe.
   *[other] Wybierz co najmniej { $min } odpowiedzi, a potem kliknij Gotowe.
}
reask-scale = Wybierz liczbę od { $min } do { $max }.
back-at-start = To pierwsze pytanie, więc nie ma do czego wracać.
restarting = Dobrze, zaczynamy od nowa.
welcome-back = Witaj z powrotem! Kontynuujemy od tego samego miejsca.
unknown-command = Przepraszam, nie znam tego polecenia. Wpisz „pomoc”, żeby zobaczyć, co możesz zrobić.
reask-text-empty = Nic do mnie nie dotarło. Spróbuj jeszcze raz.
reask-text-too-long = To trochę za długie dla mnie. Możesz napisać krócej? Limit znaków: { $max }.
reask-needs-words = Nie umiem dobrze czytać emoji. Możesz napisać to słowami?
reask-area = Przepraszam, nie rozumiem. Wpisz pierwszą część kodu pocztowego, na przykład M14. Albo wpisz nazwę swojej szkoły lub college’u.
reask-area-address = Nie wysyłaj, proszę, swojego adresu domowego. Wystarczy pierwsza część kodu pocztowego, na przykład M14. Albo nazwa szkoły lub college’u.
note-area-district = Dzięki. Potrzebuję tylko „{ $district }”, więc zapisuję tylko to.
reask-phone = To nie wygląda na brytyjski numer telefonu. Spróbuj jeszcze raz, na przykład 07700 900123.
reask-mobile = To nie wygląda na brytyjski numer komórkowy. Numery komórkowe zaczynają się od 07, na przykład 07700 900123.

# Comma-separated words that work at any question. Not "help me" ("pomóż mi", "pomocy"): that
# can be a cry for help, and must reach the safety check as words.
keywords-back = wstecz, cofnij, cofnij się, cofnij sie, wróć, wroc, wróć się, wroc sie, do tyłu, do tylu, poprzednie, poprzednie pytanie
keywords-restart = od nowa, zacznij od nowa, zacznijmy od nowa, zacznij jeszcze raz, od początku, od poczatku, zacznij od początku, zacznij od poczatku
keywords-help = pomoc, co mam robić, co mam robic, co mam zrobić, co mam zrobic, jak to działa, jak to dziala, instrukcja
keywords-person = rozmowa z człowiekiem, rozmowa z czlowiekiem, porozmawiać z człowiekiem, porozmawiac z czlowiekiem, chcę porozmawiać z człowiekiem, chce porozmawiac z czlowiekiem, z człowiekiem, z czlowiekiem, porozmawiać z kimś, porozmawiac z kims, chcę porozmawiać z kimś, chce porozmawiac z kims, pogadać z kimś, pogadac z kims, prawdziwa osoba, prawdziwy człowiek, prawdziwy czlowiek, żywy człowiek, zywy czlowiek, człowiek, czlowiek

# Words for reading answers typed instead of tapped (comma-separated, any case). A button's own
# other names are its `.also` attribute, next to its label (see questions.ftl).
words-yes = tak, takk, tak proszę, tak prosze, tak poproszę, tak poprosze, poproszę, poprosze, no tak, ta, tia, jasne, jasne że tak, jasne ze tak, pewnie, no pewnie, oczywiście, oczywiscie, no oczywiście, no oczywiscie, na pewno, zdecydowanie, jak najbardziej, dobrze, dobra, no dobra, ok, okej, oki, spoko, zgoda, może być, moze byc, niech będzie, niech bedzie, mhm, 👍, 👌, ✅
# Of the yes words, those that are only a loose yes: a question about what cannot be undone
# (`careful = true`, such as /delete) asks again rather than take them.
words-loose-yes = ok, okej, oki, dobrze, dobra, no dobra, spoko, zgoda, może być, moze byc, niech będzie, niech bedzie, jasne, pewnie, poproszę, poprosze, mhm, 👍, 👌
words-no = nie, niee, nieee, nie nie, nie dziękuję, nie dziekuje, nie dzięki, nie dzieki, nie bardzo, raczej nie, nie chcę, nie chce, chyba nie, wcale, nigdy, 👎, ❌
words-done = gotowe, zrobione, koniec, to wszystko, to już wszystko, to juz wszystko, to tyle, tyle, nic więcej, nic wiecej, nic, żadne, zadne, żaden, zaden, skończone, skonczone, wystarczy, starczy, dalej, następne, nastepne, już, juz
words-filler = yyy, yy, eee, ee, emm, hmm, hm, mmm, chyba, myślę, mysle, sądzę, sadze, że, ze, może, moze, raczej, jakieś, jakies, jakoś, jakos, około, okolo, koło, kolo, gdzieś, gdzies, jakby, to, ten, jest, ja, mi, mnie, się, sie, mój, moj, moja, moje, proszę, prosze, dzięki, dzieki, dziękuję, dziekuje, szczerze, serio, naprawdę, naprawde, lol, xd, x, tylko, właściwie, wlasciwie, sumie, daję, daje, dałbym, dalbym, dałabym, dalabym, bym
words-numbers = zero, jeden, dwa, trzy, cztery, pięć, sześć, siedem, osiem, dziewięć, dziesięć, jedenaście, dwanaście, trzynaście, czternaście, piętnaście, szesnaście, siedemnaście, osiemnaście, dziewiętnaście, dwadzieścia, dwadzieścia jeden, dwadzieścia dwa, dwadzieścia trzy, dwadzieścia cztery, dwadzieścia pięć
words-age = mam, lat, lata, latek, latka, rok, roku, wiek, wieku, jestem, prawie, niedługo, niedlugo, zaraz, już, juz, skończyłem, skonczylem, skończyłam, skonczylam, skończę, skoncze, kończę, koncze, będę, bede, od, do, w, szkole, szkoły, szkoly, chodzę, chodze
words-under = poniżej, ponizej, mniej niż, mniej niz, młodszy niż, mlodszy niz, młodsza niż, mlodsza niz, pod
words-over = powyżej, powyzej, ponad, więcej niż, wiecej niz, starszy niż, starszy niz, starsza niż, starsza niz
words-and = i, oraz, a, też, tez, także, takze, plus, albo, lub, czy, z, ze, jak i, &, +
words-school-year = rok
did-you-mean = Czy o to ci chodzi? Jeśli tak, kliknij.
guess-not-that = Dobrze. Kliknij przycisk albo napisz to inaczej.
btn-guess-no = Nie, coś innego
btn-guess-keep = Nie, zostaw mój tekst
btn-cmd-back = Wróć
btn-cmd-restart = Zacznij od nowa
btn-cmd-help = Pomoc
btn-cmd-person = Rozmowa z człowiekiem

# After the hand-off: what help, "talk to a person", "back" and "start again" mean then.
handed-off-help =
    Twoja osoba wspierająca ma już twoje odpowiedzi. Wszystko, co tu napiszesz, trafi do niej. Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999.

    Te polecenia możesz wpisać w każdej chwili:
    { $commands }
handed-off-person = Jesteś już w kontakcie z zespołem osób wspierających. Napisz tu wiadomość, a zespół ją zobaczy. Twój numer zgłoszenia to { $reference }.
handed-off-back = Twoje odpowiedzi są już u osoby wspierającej, więc nie mogę wrócić ani zacząć od nowa. Jeśli coś się zmieniło, napisz mi o tym tutaj, a twoja osoba wspierająca to zobaczy.

media-not-read = Przepraszam, umiem czytać tylko tekst i przyciski. Możesz to napisać?
command-not-yet = Przepraszam, jeszcze tego nie umiem. Osoba wspierająca może pomóc: wpisz „rozmowa z człowiekiem”.

# Data rights: /delete and /stop.
privacy-delete-ask = Czy mam usunąć wszystkie twoje wiadomości i odpowiedzi w linkup? Tego nie da się cofnąć. Osoba wspierająca zobaczy, że była taka prośba, ale nie zobaczy, co było w wiadomościach.
btn-delete-yes = Tak, usuń wszystko
btn-delete-no = Nie, zostaw
privacy-deleted = Gotowe. Twoje wiadomości i odpowiedzi w linkup są usunięte. Telegram ma własną kopię tego czatu. Możesz ją wyczyścić w aplikacji. Jeśli potrzebujesz pomocy, zadzwoń do Childline pod numer 0800 1111.
privacy-kept = Dobrze, niczego nie usuwam.
privacy-paused = Dobrze, wszystko jest wstrzymane. Nie wyślę ci żadnych wiadomości, dopóki znowu do mnie nie napiszesz.

# Data rights: /mydata and taking back consent.
mydata-summary = Oto, co linkup ma o tobie:
    • Numer zgłoszenia: { $reference }
    • Imię: { $name }
    • Wiek: { $age }
    • Okolica: { $area }
    • Jak się z tobą kontaktować: { $contact }
    • Telefon: { $phone }
    • { $shared ->
        [asked-early] Na twoją prośbę odpowiedzi trafiły wcześniej do osoby wspierającej, więc nie było pytania o zgodę.
        [safeguarding] Odpowiedzi trafiły do osoby wspierającej, żeby zadbać o twoje bezpieczeństwo, więc nie było pytania o zgodę.
       *[other] Data twojej zgody na udostępnienie: { $consent }
    }
    • Zapisane wiadomości: { $messages }
    • Odpowiedzi o samopoczuciu: { $scores }
    W pliku poniżej jest wszystko.
mydata-nothing = Na razie mam tylko naszą rozmowę. Liczba wiadomości: { $messages }. W pliku poniżej jest wszystko.
mydata-file = Oto wszystko w jednym pliku.
btn-withdraw = Wycofaj moją zgodę
btn-delete = Usuń moje dane
consent-withdraw-ask = Czy chcesz wycofać zgodę na udostępnianie? Osoba wspierająca przestanie się z tobą kontaktować, a twoja sprawa zostanie zamknięta. Twoje odpowiedzi zostaną zapisane, dopóki ich nie usuniesz.
btn-withdraw-yes = Tak, wycofaj
btn-withdraw-no = Nie, zostaw
consent-withdrawn = Gotowe. Twoja sprawa jest zamknięta i żadna osoba wspierająca nie będzie się z tobą kontaktować. Możesz też usunąć swoje odpowiedzi.
consent-kept = Dobrze, nic się nie zmieniło.

# The menu (/menu). While a link worker is in contact, /menu gives the bot back.
menu = Co chcesz zrobić?
data-rights-help = Kliknij przycisk albo wpisz odpowiedź. Nic nie zostanie usunięte, jeśli nie powiesz „tak”. Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999.
btn-menu-worker = Rozmowa z osobą wspierającą
btn-menu-carry = Kontynuuj
btn-menu-mydata = Zobacz moje dane
btn-menu-stop = Wstrzymaj wiadomości
menu-worker-back = Dobrze. Twoje wiadomości znowu trafiają do: { $worker }.

# A link worker's message, with their first name.
contact-from-worker = { $name } (twoja osoba wspierająca):
    { $text }

## Check-ins (after the hand-off). The reminder shows on a lock screen: keep it neutral.
## "check-in" = "ankieta" (a short questionnaire).
checkin-reminder = Cześć, tu linkup. Masz chwilę na krótką ankietę?
btn-checkin-now = Tak, zaczynajmy
btn-checkin-later = Nie teraz
btn-checkin-stop = Wyłącz ankiety
btn-checkin-chart = Zobacz mój wykres
checkin-progress = Pytanie { $question } z { $questions }
checkin-help = Kliknij odpowiedź, która do ciebie pasuje, albo ją wpisz. Wpisz „wstecz”, żeby zmienić poprzednią odpowiedź. Twoja osoba wspierająca widzi twoje odpowiedzi. Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999.
checkin-done = Dzięki! Ankieta gotowa. Twoja osoba wspierająca widzi twoje odpowiedzi.
checkin-snoozed = Dobrze. Zapytamy jeszcze raz jutro.
checkin-stopped = Dobrze. Nie będziemy już wysyłać ankiet. Nadal możesz w każdej chwili wysłać /checkin.
checkin-no-case = Ankiety zaczynają się, gdy wyślesz swoje odpowiedzi do osoby wspierającej. Wyślij /start, żeby zacząć.
checkin-not-for-age = Przepraszam, ankiety nie są jeszcze przygotowane dla twojej grupy wiekowej. Twoja osoba wspierająca nadal może pomóc.
checkin-ended = Ta ankieta już się skończyła. Chcesz zacząć nową?
checkin-chart = Tak zmieniały się twoje odpowiedzi w czasie.
checkin-chart-nothing = Nie ma jeszcze odpowiedzi do pokazania. Najpierw wypełnij ankietę.
chart-title = Twoje samopoczucie
chart-note-higher = Wyżej znaczy lepiej.
chart-note-lower = Wyżej znaczy lepiej. Wyjątek: { $items }. Tu niżej znaczy lepiej.
chart-life = Życie
chart-worthwhile = Sens
chart-happy = Radość
chart-anxious = Niepokój

# The commands (/name), as a chat app's menu and the help text list them. Short: a menu line.
cmd-start = Zacznij albo kontynuuj
cmd-help = Jak to działa
cmd-checkin = Krótka ankieta o samopoczuciu
cmd-mydata = Zobacz, co linkup o tobie przechowuje
cmd-delete = Usuń to, co linkup o tobie przechowuje
cmd-stop = Wstrzymaj wszystkie wiadomości
cmd-language = Zmień język
cmd-menu = Pokaż menu
cmd-back = Wróć do poprzedniego pytania
cmd-restart = Zacznij od nowa
cmd-person = Rozmowa z człowiekiem

# The web chat's page.
web-title = linkup
web-intro = Cześć! Tu linkup. Możesz nam powiedzieć, co jest dla ciebie ważne, a osoba wspierająca pomoże ci znaleźć zajęcia i ludzi do rozmowy. To nic nie kosztuje i nie potrzebujesz konta. Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999.
web-start = Zacznij
web-exit = Szybkie wyjście
web-exit-hint = Naciśnij „Szybkie wyjście” albo trzy razy Esc, żeby szybko opuścić tę stronę.
web-type = Napisz wiadomość
web-send = Wyślij
web-you = Ty
web-bot = linkup
web-worker = Osoba wspierająca
web-too-long = Ta wiadomość jest za długa. Skróć ją i wyślij jeszcze raz.
web-too-fast = Wysyłasz wiadomości bardzo szybko. Poczekaj chwilę i spróbuj znowu. Twoja wiadomość nadal tu jest.
web-expired = Ta strona była otwarta dość długo. Twoja wiadomość nadal tu jest: wyślij ją jeszcze raz.
web-wrong-site = Ta wiadomość nie przyszła ze strony linkup, więc nie została wysłana. Otwórz czat jeszcze raz i wyślij ją stamtąd.
web-deleted = Gotowe. Wszystko, co linkup miał o tobie, jest usunięte. Możesz zamknąć tę stronę.
web-code-title = Twój kod powrotu
web-code-text = Zapisz go albo zrób zrzut ekranu. Żeby czytać odpowiedzi osoby wspierającej na innym telefonie lub komputerze, otwórz tam tę stronę i wpisz kod. Nikomu go nie pokazuj: każdy, kto ma ten kod, może przeczytać ten czat.
web-return-label = Jesteś tu kolejny raz? Wpisz swój kod powrotu
web-return-button = Kontynuuj
web-code-wrong = Ten kod nie działa. Sprawdź go i spróbuj jeszcze raz.
web-download = Pobierz plik

## Languages (/language). language-name is this language's own name: it is shown on its button
## to everyone, whatever language they use. Its .also lists other names people type for it.
language-name = Polski
    .also = polski, polish, po polsku, polska, język polski, jezyk polski, polskim, pl, pwyleg, польська, польский, بولندي, البولندية
language-ask = W jakim języku mam do ciebie pisać?
language-help = Kliknij język albo wpisz jego nazwę.
language-set = OK. Od teraz będę pisać po polsku. Możesz to zmienić w każdej chwili przez /language.
