### Wersja robocza: nie sprawdzona przez rodzimego użytkownika języka. (Draft translation, not yet reviewed by a native speaker.)
### The questions, their buttons, the summary and the hand-off.
### "link worker" = "osoba wspierająca" (grammatically feminine, so it says nothing about the worker's gender).

name-ask = Jak mam do ciebie mówić? Możesz pominąć to pytanie.
btn-skip = Pomiń
    .also = nie, nie chcę, nie chce, wolę nie, wole nie, nie powiem, nie mówię, nie mowie, nie podam, nie trzeba, nieważne, niewazne, obojętnie, obojetnie, nie dziękuję, nie dziekuje, nie dzięki, nie dzieki, bez imienia, przejdź dalej, przejdz dalej, pomiń to, pomin to

area-ask = Gdzie mieszkasz albo chodzisz do szkoły? Wystarczy mniej więcej. Nie potrzebuję twojego adresu.
area-ask-how = Wpisz pierwszą część kodu pocztowego, na przykład M14 albo SW1A. Możesz też wpisać nazwę swojej szkoły lub college’u.

topics-ask = Co teraz chodzi ci po głowie? Kliknij wszystko, co pasuje, a potem kliknij Gotowe.
topic-school = Szkoła lub college
    .also = szkoła, szkola, koledż, koledz, studia, uczelnia, uniwerek, egzaminy, egzamin, sprawdziany, sprawdzian, kartkówki, kartkowki, praca domowa, zadania domowe, lekcje, nauczyciele, nauczyciel, oceny, nauka, testy, matura
topic-friends = Przyjaciele
    .also = przyjaciel, przyjaciółka, przyjaciolka, przyjaciółki, przyjaciolki, kumple, kumpel, kumpela, koledzy, koleżanki, kolezanki, kolega, koleżanka, kolezanka, znajomi, moi znajomi, moi przyjaciele, przyjaźń, przyjazn, kłótnia, klotnia, kłótnie, klotnie, kłótnia z przyjaciółmi, klotnia z przyjaciolmi
topic-family = Rodzina
    .also = mama, tata, rodzice, moja mama, mój tata, moj tata, moi rodzice, brat, siostra, rodzeństwo, rodzenstwo, ojczym, macocha, babcia, dziadek, rodzinka, w domu, życie w domu, zycie w domu, starzy
topic-lonely = Czuję się samotnie
    .also = samotność, samotnosc, samotnie, samotny, samotna, sam, sama, nie mam przyjaciół, nie mam przyjaciol, nie mam znajomych, nie mam z kim pogadać, nie mam z kim pogadac, nikogo nie mam, odizolowany, odizolowana, zawsze sam, zawsze sama
topic-worried-low = Zmartwienia lub smutek
    .also = martwię się, martwie sie, zmartwienie, zmartwienia, stres, stresuję się, stresuje sie, zestresowany, zestresowana, niepokój, niepokoj, lęk, lek, lęki, leki, smutek, smutno, jest mi smutno, smutny, smutna, przygnębienie, przygnebienie, mam doła, mam dola, doła, dola, depresja, zdrowie psychiczne, nerwy, nerwowy, nerwowa, boję się, boje sie, strach, źle się czuję, zle sie czuje, jest mi źle, jest mi zle
topic-anger = Złość
    .also = zły, zly, zła, zla, wściekły, wsciekly, wściekła, wsciekla, wkurzony, wkurzona, wkurza mnie, tracę panowanie, trace panowanie, wybuchy, gniew, furia, złoszczę się, zloszcze sie
topic-sleep = Sen
    .also = spanie, spać, spac, nie mogę spać, nie moge spac, nie mogę zasnąć, nie moge zasnac, bezsenność, bezsennosc, zmęczony, zmeczony, zmęczona, zmeczona, zmęczenie, zmeczenie, koszmary, nie śpię, nie spie, mało śpię, malo spie
topic-money = Pieniądze
    .also = kasa, hajs, brak kasy, nie mam kasy, nie mam pieniędzy, nie mam pieniedzy, długi, dlugi, dług, dlug, rachunki, spłukany, splukany, spłukana, splukana, bieda, kieszonkowe, opłaty, oplaty
topic-housing = Mieszkanie
    .also = dom, przeprowadzka, gdzie mieszkam, wynajem, czynsz, właściciel mieszkania, wlasciciel mieszkania, miejsce do życia, miejsce do zycia, nie mam gdzie mieszkać, nie mam gdzie mieszkac, bezdomność, bezdomnosc
topic-bullied = Ktoś mnie dręczy
    .also = dręczenie, dreczenie, nękanie, nekanie, dokuczanie, dokuczają mi, dokuczaja mi, dręczą mnie, drecza mnie, prześladowanie, przesladowanie, prześladują mnie, przesladuja mnie, hejt, hejtują mnie, hejtuja mnie, wyśmiewają mnie, wysmiewaja mnie, śmieją się ze mnie, smieja sie ze mnie, cyberprzemoc, gnębienie, gnebienie, gnębią mnie, gnebia mnie
topic-other = Coś innego
    .also = inne, inna sprawa, coś jeszcze, cos jeszcze, coś jeszcze innego, cos jeszcze innego
btn-done = Gotowe ✅

what-matters-ask = Co jest teraz dla ciebie ważne? Napisz to własnymi słowami. Wystarczy kilka słów.

interests-ask = Co lubisz robić albo czego chcesz spróbować? Kliknij wszystko, co pasuje, a potem kliknij Gotowe.
interest-sport = Sport
    .also = sporty, piłka, pilka, piłka nożna, pilka nozna, gała, gala, koszykówka, koszykowka, siatkówka, siatkowka, krykiet, tenis, pływanie, plywanie, basen, siłownia, silownia, boks, bieganie, lekkoatletyka, hokej, sztuki walki, karate, judo, rolki, deskorolka, łyżwy, lyzwy, rower, jazda na rowerze
interest-music = Muzyka
    .also = śpiew, spiew, śpiewanie, spiewanie, gitara, pianino, fortepian, perkusja, bębny, bebny, rapowanie, produkcja muzyki, zespół, zespol, granie na instrumencie, robienie muzyki, słuchanie muzyki, sluchanie muzyki
interest-art = Sztuka i tworzenie
    .also = sztuka, rysowanie, rysunek, malowanie, plastyka, rękodzieło, rekodzielo, robienie rzeczy, fotografia, zdjęcia, zdjecia, szkicowanie, projektowanie, szycie, robienie na drutach, szydełkowanie, szydelkowanie
interest-gaming = Gry
    .also = gry komputerowe, gry wideo, granie, gierki, konsola, gry na komputerze, gry na telefonie
interest-nature = Przyroda i świeże powietrze
    .also = przyroda, natura, na dworze, na zewnątrz, na zewnatrz, na powietrzu, spacery, spacer, wędrówki, wedrowki, góry, gory, biwak, kemping, namiot, wędkowanie, wedkowanie, ogród, ogrod, ogrodnictwo, las
interest-animals = Zwierzęta
    .also = zwierzątka, zwierzatka, psy, pies, koty, kot, konie, koń, kon, mój pies, moj pies, mój kot, moj kot, jazda konna
interest-cooking = Gotowanie
    .also = pieczenie, jedzenie, gotować, gotowac, piec, gotuję, gotuje, piekę, pieke, ciasta
interest-drama = Teatr i występy
    .also = teatr, aktorstwo, gra aktorska, taniec, tańczenie, tanczenie, tańczyć, tanczyc, występy, wystepy, musicale, kółko teatralne, kolko teatralne, scena
interest-volunteering = Wolontariat
    .also = pomaganie, pomaganie ludziom, pomagać, pomagac, wolontariusz, wolontariuszka, pomoc innym, cele charytatywne, organizacja charytatywna
interest-tech = Technologia
    .also = programowanie, kodowanie, komputery, komputer, informatyka, technika, tworzenie aplikacji, aplikacje, roboty, robotyka, elektronika
interest-reading-writing = Czytanie i pisanie
    .also = książki, ksiazki, czytanie, pisanie, poezja, wiersze, opowiadania, historie, komiksy
interest-faith-culture = Wiara lub kultura
    .also = kościół, kosciol, parafia, meczet, świątynia, swiatynia, synagoga, wiara, religia, kultura, grupa religijna, szkoła sobotnia, szkola sobotnia, polska szkoła sobotnia, polska szkola sobotnia
interest-other = Coś innego
    .also = inne, coś jeszcze, cos jeszcze

wellbeing-intro = Teraz kilka szybkich pytań o to, jak się czujesz. Nie ma dobrych ani złych odpowiedzi. Wybierz liczbę od 0 do 10.
# The four ONS questions (ons-life, ons-worthwhile, ons-happy, ons-anxious) are not translated:
# there is no official Polish version of this validated instrument, so linkup shows the English.
# For under-16s: linkup's own words for the same two ONS items.
young-life = Co myślisz o swoim życiu w tej chwili? 0 to najgorzej, jak może być. 10 to najlepiej, jak może być.
young-happy = Jak bardzo było ci wczoraj wesoło? 0 to wcale nie wesoło. 10 to naprawdę bardzo wesoło.

help-ask = Co najbardziej by ci pomogło? Kliknij wszystko, co pasuje, a potem kliknij Gotowe.
help-talk = Rozmowa z osobą wspierającą
    .also = rozmowa, rozmawiać, rozmawiac, pogadać, pogadac, chcę pogadać, chce pogadac, ktoś do rozmowy, ktos do rozmowy, pogadanie z kimś, pogadanie z kims, żeby ktoś mnie wysłuchał, zeby ktos mnie wysluchal
help-activities = Zajęcia w mojej okolicy
    .also = zajęcia, zajecia, co robić, co robic, coś do robienia, cos do robienia, kluby, klub, kółka, kolka, grupy, aktywności, aktywnosci, zajęcia pozalekcyjne, zajecia pozalekcyjne
help-practical = Pomoc w konkretnej sprawie
    .also = praktyczna pomoc, pomoc praktyczna, konkretna pomoc, pomoc z czymś, pomoc z czyms, załatwienie czegoś, zalatwienie czegos, ogarnięcie spraw, ogarniecie spraw
help-not-sure = Nie wiem
    .also = nie jestem pewien, nie jestem pewna, nie jestem pewny, nie mam pojęcia, nie mam pojecia, nw, niewiem, trudno powiedzieć, trudno powiedziec, sam nie wiem, sama nie wiem

contact-method-ask = Jak osoba wspierająca ma się z tobą skontaktować?
contact-chat = Tutaj, na czacie
    .also = czat, tutaj, tu, na czacie, ten czat, w tym czacie, wiadomość, wiadomosc, wiadomości, wiadomosci, napisz do mnie, pisz do mnie, przez wiadomości, przez wiadomosci
contact-phone = Rozmowa telefoniczna
    .also = telefon, zadzwoń, zadzwon, zadzwońcie, zadzwoncie, zadzwoń do mnie, zadzwon do mnie, dzwoń, dzwon, dzwonić, dzwonic, połączenie, polaczenie, przez telefon, telefonicznie
contact-text = SMS
    .also = smsy, esemes, esemesy, wiadomość tekstowa, wiadomosc tekstowa, wiadomość sms, wiadomosc sms, napisz sms, smsem, przez sms
phone-call-ask = Pod jaki numer mają zadzwonić? To musi być numer z Wielkiej Brytanii, na przykład 07700 900123.
phone-text-ask = Na jaki numer komórki mają wysłać SMS? To musi być brytyjski numer komórkowy, na przykład 07700 900123.
contact-times-ask = Kiedy najlepiej się z tobą kontaktować? Kliknij wszystko, co pasuje, a potem kliknij Gotowe.
time-mornings = Rano
    .also = ranek, rankiem, z rana, przed szkołą, przed szkola, wcześnie, wczesnie, przed południem, przed poludniem, przedpołudnie, przedpoludnie
time-afternoons = Po południu
    .also = popołudnie, popoludnie, popołudniami, popoludniami, po szkole, po lekcjach, po koledżu, po koledzu, w porze lunchu, w przerwie obiadowej
time-evenings = Wieczorem
    .also = wieczór, wieczor, wieczorami, noc, w nocy, po pracy, po kolacji, późno, pozno

checkins-ask = Czy możemy co jakiś czas wysłać ci wiadomość, żeby zapytać, jak się masz? To kilka szybkich pytań. Możesz to wyłączyć w każdej chwili.
btn-checkins-yes = Tak, poproszę
btn-checkins-no = Nie, dziękuję

summary-intro = Dziękuję. Oto twoje odpowiedzi:
summary-consent = Czy mogę wysłać to do osoby wspierającej? Zobaczy to tylko zespół osób wspierających.
summary-name = Imię
summary-age = Wiek
summary-area = Okolica
summary-topics = Co chodzi ci po głowie
summary-what-matters = Co jest ważne
summary-interests = Co lubisz
summary-help = Co pomoże
summary-contact = Kontakt
summary-phone = Numer
summary-times = Dobre pory
summary-checkins = Ankiety
summary-nothing = (nie podano)
btn-yes-send = Tak, wyślij
btn-start-again = Zacznij od nowa
    .also = od nowa, od początku, od poczatku, zacznij jeszcze raz, jeszcze raz od początku, jeszcze raz od poczatku, popraw
btn-dont-send = Nie wysyłaj
    .also = nie, nie wysyłaj tego, nie wysylaj tego, nie chcę wysyłać, nie chce wysylac, nie nie, nie chcę, nie chce

handoff-done = Gotowe! 🎉 Twoje odpowiedzi trafiły do osoby wspierającej. Twój numer zgłoszenia to { $reference }.
handoff-next = Osoba wspierająca skontaktuje się z tobą najpóźniej za { $response_days ->
    [one] 1 dzień roboczy.
    [few] { $response_days } dni robocze.
    [many] { $response_days } dni roboczych.
   *[other] { $response_days } dnia roboczego.
} Jeśli potrzebujesz pomocy wcześniej, zadzwoń do Childline pod numer 0800 1111 albo wyślij SMS o treści SHOUT na numer 85258. W nagłej sytuacji zadzwoń pod 999.
not-sent = Dobrze, niczego nie wysyłam. Jeśli zmienisz zdanie, wróć, kiedy chcesz. Po prostu napisz do mnie.
after-reopened = Dzięki. Twoja sprawa była zamknięta, więc jest znowu otwarta, a twoja wiadomość trafiła do zespołu osób wspierających. Ktoś ją przeczyta. Twój numer zgłoszenia to { $reference }. Jeśli potrzebujesz pomocy teraz, zadzwoń do Childline pod numer 0800 1111 albo wyślij SMS o treści SHOUT na numer 85258. W nagłej sytuacji zadzwoń pod 999.
after-withdrawn = Twoja zgoda na udostępnianie jest wycofana, więc osoba wspierająca nie zobaczy tej wiadomości. Jeśli potrzebujesz pomocy teraz, zadzwoń do Childline pod numer 0800 1111 albo wyślij SMS o treści SHOUT na numer 85258. W nagłej sytuacji zadzwoń pod 999.
after-handoff = Dzięki. Twoja osoba wspierająca zobaczy tę wiadomość. Twój numer zgłoszenia to { $reference }. Jeśli potrzebujesz pomocy teraz, zadzwoń do Childline pod numer 0800 1111 albo wyślij SMS o treści SHOUT na numer 85258. W nagłej sytuacji zadzwoń pod 999.

person-ask = Chcesz porozmawiać z człowiekiem? Mogę teraz wysłać twoje dotychczasowe odpowiedzi do osoby wspierającej. Albo możemy iść dalej z pytaniami.
btn-send-now = Wyślij teraz
    .also = wyślij, wyslij, wyślij to, wyslij to, teraz, tak, wysyłaj, wysylaj, dawaj
btn-keep-going = Idziemy dalej
    .also = dalej, idźmy dalej, idzmy dalej, kontynuuj, kontynuujmy, lecimy dalej, dalej pytania, nie
early-age-ask = Zanim to wyślę: ile masz lat? Wtedy będę wiedzieć, kto może ci pomóc.
handoff-early-done = Dobrze. Twoje odpowiedzi trafiły do osoby wspierającej. Twój numer zgłoszenia to { $reference }.

help-text =
    Możesz kliknąć przycisk albo wpisać odpowiedź. Możesz też wpisać „wstecz”, żeby wrócić do poprzedniego pytania, „od nowa”, żeby zacząć od początku, albo „rozmowa z człowiekiem”. Jeśli jesteś teraz w niebezpieczeństwie, zadzwoń pod 999.

    Te polecenia możesz wpisać w każdej chwili:
    { $commands }

measure-in-english = To pytanie jest po angielsku, żeby można było porównać odpowiedzi wszystkich. Kliknij liczbę, która pasuje.
