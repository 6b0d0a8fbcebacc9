"""The one catalog of messages shown to users, in Polish and English.

Each code maps to a Polish and an English template; a code ending in ``.hint`` is the
advice shown under the message. A test checks that both languages exist for every
code and use the same placeholders.
"""

from __future__ import annotations

import string

CATALOG: dict[str, dict[str, str]] = {
    "label.hint": {"pl": "wskazówka", "en": "hint"},
    "summary.ok": {
        "pl": "Sekcje są poprawne ({warnings} {warnings:plural:ostrzeżenie|ostrzeżenia|ostrzeżeń}).",
        "en": "The sections are valid ({warnings} {warnings:plural:warning|warnings}).",
    },
    "summary.failed": {
        "pl": "Znaleziono {errors} {errors:plural:błąd|błędy|błędów} i {warnings} {warnings:plural:ostrzeżenie|ostrzeżenia|ostrzeżeń}.",
        "en": "Found {errors} {errors:plural:error|errors} and {warnings} {warnings:plural:warning|warnings}.",
    },
    "build.refused": {
        "pl": "Dokumentów nie zbudowano: popraw najpierw błędy wymienione wyżej.",
        "en": "No documents were built: fix the errors listed above first.",
    },
    "build.failed": {
        "pl": "Budowanie dokumentów nie powiodło się ({reason}); poprzednie pliki pozostały bez zmian.",
        "en": "Building the documents failed ({reason}); the previous files are unchanged.",
    },
    # --- reading files -------------------------------------------------------------
    "usage.no_sections": {
        "pl": "Nie ma folderu z sekcjami: {path}",
        "en": "There is no sections folder: {path}",
    },
    "usage.no_sections.hint": {
        "pl": "Podaj istniejący folder opcją --sections.",
        "en": "Give an existing folder with --sections.",
    },
    "file.encoding": {
        "pl": "Plik nie jest zapisany w kodowaniu UTF-8: w tym miejscu jest bajt 0x{byte}{guess}.",
        "en": "The file is not saved as UTF-8: there is a byte 0x{byte} here{guess}.",
    },
    "file.encoding.cp1250": {
        "pl": " (w kodowaniu Windows-1250 to znak „{char}”)",
        "en": " (in the Windows-1250 encoding this is '{char}')",
    },
    "file.encoding.hint": {
        "pl": "Zapisz plik ponownie w kodowaniu UTF-8 (w Notatniku: Zapisz jako, Kodowanie: UTF-8).",
        "en": "Save the file again as UTF-8 (in Notepad: Save as, Encoding: UTF-8).",
    },
    "file.utf16": {
        "pl": "Plik jest zapisany w kodowaniu UTF-16 („Unicode”), a nie w UTF-8.",
        "en": "The file is saved as UTF-16 ('Unicode'), not as UTF-8.",
    },
    "file.utf16.hint": {
        "pl": "Zapisz plik ponownie w kodowaniu UTF-8 (w Notatniku: Zapisz jako, Kodowanie: UTF-8).",
        "en": "Save the file again as UTF-8 (in Notepad: Save as, Encoding: UTF-8).",
    },
    "file.unreadable": {
        "pl": "Nie można odczytać pliku: {reason}",
        "en": "The file cannot be read: {reason}",
    },
    "file.unreadable.hint": {
        "pl": "Sprawdź, czy plik nie jest otwarty w innym programie i czy masz do niego dostęp.",
        "en": "Check that no other program holds the file open and that you may read it.",
    },
    "file.empty": {"pl": "Plik jest pusty.", "en": "The file is empty."},
    "file.empty.hint": {
        "pl": "Uzupełnij treść sekcji albo usuń plik.",
        "en": "Write the section's content or remove the file.",
    },
    "file.unknown_kind": {
        "pl": "Nieznany rodzaj sekcji „{name}”.",
        "en": "Unknown section kind '{name}'.",
    },
    "file.unknown_kind.hint": {
        "pl": "{suggestion}Dozwolone nazwy plików i folderów: {known}.",
        "en": "{suggestion}Allowed file and folder names: {known}.",
    },
    "file.both_forms": {
        "pl": "Sekcja „{kind}” jest zarówno plikiem {kind}.yaml, jak i folderem {kind}/.",
        "en": "Section '{kind}' is both a file {kind}.yaml and a folder {kind}/.",
    },
    "file.both_forms.hint": {
        "pl": "Zostaw jedną postać: plik albo folder z plikami.",
        "en": "Keep one form: the file or the folder of files.",
    },
    "file.missing_kind": {
        "pl": "Brakuje sekcji „{kind}” (plik {kind}.yaml).",
        "en": "Section '{kind}' is missing (file {kind}.yaml).",
    },
    "file.missing_kind.hint": {
        "pl": "Utwórz plik {kind}.yaml w folderze sekcji; wzór jest w schemacie schema/{kind}.schema.json.",
        "en": "Create {kind}.yaml in the sections folder; schema/{kind}.schema.json shows its shape.",
    },
    "file.folder_not_allowed": {
        "pl": "Sekcji „{kind}” nie można podzielić na folder.",
        "en": "Section '{kind}' cannot be split into a folder.",
    },
    "file.folder_not_allowed.hint": {
        "pl": "Zapisz ją jako jeden plik {kind}.yaml.",
        "en": "Write it as one file {kind}.yaml.",
    },
    # --- YAML syntax ---------------------------------------------------------------
    "yaml.syntax": {
        "pl": "Błąd zapisu YAML (komunikat czytnika: „{problem}”).",
        "en": "YAML syntax error: {problem}.",
    },
    "yaml.syntax.hint": {
        "pl": "Sprawdź wcięcia (tylko spacje, bez tabulatorów), dwukropki i cudzysłowy w tym miejscu.",
        "en": "Check indentation (spaces only, no tabs), colons and quotes at this place.",
    },
    "yaml.tab": {
        "pl": "W tym wierszu jest znak tabulacji; wcięcia w YAML robi się wyłącznie spacjami.",
        "en": "There is a tab character on this line; YAML indents with spaces only.",
    },
    "yaml.tab.hint": {
        "pl": "Zastąp tabulator spacjami tak, by wiersz był wcięty tak samo jak sąsiednie pola.",
        "en": "Replace the tab with spaces so that the line is indented like its neighbouring fields.",
    },
    "yaml.unclosed_quote": {
        "pl": "Cudzysłów otwarty w tym miejscu nie jest nigdzie zamknięty.",
        "en": "The quote opened here is never closed.",
    },
    "yaml.unclosed_quote.hint": {
        "pl": "Dopisz zamykający cudzysłów na końcu tekstu (taki sam jak otwierający: \" albo ').",
        "en": "Add the closing quote at the end of the text (the same as the opening one: \" or ').",
    },
    "yaml.unclosed_bracket": {
        "pl": "Nawias „{bracket}” otwarty w tym miejscu nie jest poprawnie zamknięty (czytnik utknął w wierszu {line}).",
        "en": "The bracket '{bracket}' opened here is not closed properly (the reader got stuck on line {line}).",
    },
    "yaml.unclosed_bracket.hint": {
        "pl": "Dopisz „{closing}” na końcu listy i sprawdź, czy elementy są oddzielone przecinkami; tekst z przecinkiem lub dwukropkiem ujmij w cudzysłów.",
        "en": "Add '{closing}' at the end and check that the items are separated by commas; quote text that holds a comma or a colon.",
    },
    "yaml.colon": {
        "pl": "Nieoczekiwany dwukropek: ten wiersz ma złe wcięcie albo tekst zawiera „: ”.",
        "en": "Unexpected colon: this line is indented wrongly or the text holds ': '.",
    },
    "yaml.colon.hint": {
        "pl": "Wyrównaj wcięcie do pól na tym samym poziomie; tekst z dwukropkiem ujmij w cudzysłów, np. title: \"Cel 1: rozwój\".",
        "en": "Align the indentation with the fields at the same level; quote text holding a colon, e.g. title: \"Goal 1: growth\".",
    },
    "yaml.no_colon": {
        "pl": "Po nazwie pola brakuje dwukropka.",
        "en": "A colon is missing after the field name.",
    },
    "yaml.no_colon.hint": {
        "pl": "Pisz „nazwa: wartość”; jeśli to ciąg dalszy tekstu z wiersza wyżej, wcięj go bardziej niż nazwę pola.",
        "en": "Write 'name: value'; if this continues the text of the line above, indent it further than the field name.",
    },
    "yaml.indentation": {
        "pl": "Wcięcie tego wiersza nie pasuje do wierszy powyżej.",
        "en": "The indentation of this line does not match the lines above.",
    },
    "yaml.indentation.hint": {
        "pl": "Pola na tym samym poziomie muszą zaczynać się w tej samej kolumnie; elementy listy („- ”) wcięte pod nazwą listy.",
        "en": "Fields at the same level start in the same column; list items ('- ') go indented under the list's name.",
    },
    "yaml.control_character": {
        "pl": "W pliku jest niewidoczny znak sterujący {code}.",
        "en": "The file holds an invisible control character {code}.",
    },
    "yaml.control_character.hint": {
        "pl": "Usuń ten znak (często trafia do pliku przy kopiowaniu z PDF lub innego programu) i wpisz tekst ponownie.",
        "en": "Delete the character (it often comes along when copying from a PDF or another program) and retype the text.",
    },
    "yaml.duplicate_key": {
        "pl": "Klucz „{key}” występuje drugi raz (pierwszy raz w wierszu {first_line}).",
        "en": "Key '{key}' appears a second time (first on line {first_line}).",
    },
    "yaml.duplicate_key.hint": {
        "pl": "Usuń jeden z nich albo połącz ich treść; inaczej pierwsza wartość zginęłaby bez śladu.",
        "en": "Remove one or merge them; otherwise the first value would be silently lost.",
    },
    "yaml.tag": {
        "pl": "Znacznik YAML „{tag}” jest niedozwolony.",
        "en": "YAML tag '{tag}' is not allowed.",
    },
    "yaml.tag.hint": {
        "pl": "Zapisz wartość zwykłym tekstem, liczbą lub listą, bez znaczników zaczynających się od „!”.",
        "en": "Write the value as plain text, a number or a list, without tags starting with '!'.",
    },
    "yaml.alias": {
        "pl": "Kotwice i odwołania YAML (&, *) są niedozwolone (tu: „{name}”).",
        "en": "YAML anchors and aliases (&, *) are not allowed (here: '{name}').",
    },
    "yaml.alias.hint": {
        "pl": "Przepisz wartość w tym miejscu; w razie potrzeby użyj identyfikatora.",
        "en": "Write the value out here; refer to it by ID where needed.",
    },
    "yaml.key_not_text": {
        "pl": "Klucz musi być tekstem.",
        "en": "A key must be text.",
    },
    "yaml.key_not_text.hint": {
        "pl": "Ujmij klucz w cudzysłów.",
        "en": "Put the key in quotes.",
    },
    "yaml.multiple_documents": {
        "pl": "Plik zawiera więcej niż jeden dokument YAML (separator ---).",
        "en": "The file holds more than one YAML document (--- separator).",
    },
    "yaml.multiple_documents.hint": {
        "pl": "Zostaw jeden dokument w pliku albo podziel go na osobne pliki.",
        "en": "Keep one document per file or split it into separate files.",
    },
    # --- shape of values -----------------------------------------------------------
    "value.unknown_key": {
        "pl": "Nieznane pole „{key}”.",
        "en": "Unknown field '{key}'.",
    },
    "value.unknown_key.hint": {
        "pl": "{suggestion}Dozwolone pola: {allowed}.",
        "en": "{suggestion}Allowed fields: {allowed}.",
    },
    "value.did_you_mean": {"pl": "Czy chodziło o „{name}”? ", "en": "Did you mean '{name}'? "},
    "value.missing": {
        "pl": "Brakuje wymaganego pola „{key}”.",
        "en": "Required field '{key}' is missing.",
    },
    "value.missing.hint": {
        "pl": "Dodaj pole „{key}” w tym miejscu.",
        "en": "Add field '{key}' here.",
    },
    "value.type": {
        "pl": "Pole „{key}” ma niepoprawną wartość {value}. Oczekiwano: {expected}.",
        "en": "Field '{key}' has an invalid value {value}: expected {expected}.",
    },
    "value.type.hint": {
        "pl": "{advice}",
        "en": "{advice}",
    },
    "value.choice": {
        "pl": "Pole „{key}” ma niedozwoloną wartość {value}.",
        "en": "Field '{key}' has a value that is not allowed: {value}.",
    },
    "value.choice.hint": {
        "pl": "Dozwolone wartości: {allowed}.",
        "en": "Allowed values: {allowed}.",
    },
    "value.invalid": {
        "pl": "Pole „{key}” ma niepoprawną wartość: {detail}.",
        "en": "Field '{key}' has an invalid value: {detail}.",
    },
    "value.invalid.hint": {
        "pl": "Porównaj ten fragment z poprawnym przykładem w innym pliku sekcji; opis wszystkich pól jest w folderze schema/.",
        "en": "Compare this part with a correct example in another section file; the schema/ folder describes every field.",
    },
    "expected.text": {"pl": "tekst", "en": "text"},
    "expected.integer": {"pl": "liczba całkowita", "en": "a whole number"},
    "expected.number": {"pl": "liczba", "en": "a number"},
    "expected.date": {"pl": "data w postaci RRRR-MM-DD", "en": "a date as YYYY-MM-DD"},
    "expected.list": {"pl": "lista (wiersze zaczynające się od „- ”)", "en": "a list (lines starting with '- ')"},
    "expected.mapping": {"pl": "zestaw pól „nazwa: wartość”", "en": "a set of 'name: value' fields"},
    "expected.boolean": {"pl": "true albo false", "en": "true or false"},
    "pattern.id": {
        "pl": "identyfikator z liter, cyfr, kropek i kresek, zaczynający się literą (np. CS1)",
        "en": "an ID of letters, digits, dots and dashes starting with a letter (e.g. CS1)",
    },
    "pattern.version": {"pl": "numer wersji, np. \"0.3\"", "en": "a version number, e.g. \"0.3\""},
    "pattern.slug": {
        "pl": "małe litery bez polskich znaków, cyfry i kreski, np. strategia-razem",
        "en": "lower-case ASCII letters, digits and dashes, e.g. strategy-together",
    },
    "pattern.teryt": {
        "pl": "kod TERYT: 7 cyfr dla gminy albo 4 dla powiatu, w cudzysłowie",
        "en": "a TERYT code: 7 digits for a gmina or 4 for a powiat, in quotes",
    },
    "bound.gt": {"pl": "większa od {limit}", "en": "greater than {limit}"},
    "bound.ge": {"pl": "co najmniej {limit}", "en": "at least {limit}"},
    "bound.lt": {"pl": "mniejsza od {limit}", "en": "less than {limit}"},
    "bound.le": {"pl": "co najwyżej {limit}", "en": "at most {limit}"},
    "advice.quote_text": {
        "pl": "Jeśli to ma być tekst, ujmij go w cudzysłów, np. \"1410023\".",
        "en": "If this is meant as text, put it in quotes, e.g. \"1410023\".",
    },
    "advice.number": {
        "pl": "Wpisz samą liczbę, z kropką jako separatorem dziesiętnym, bez spacji i „zł”, np. 1250000.50.",
        "en": "Write the bare number with a dot for decimals, no spaces or currency, e.g. 1250000.50.",
    },
    "advice.date": {
        "pl": "Wpisz datę jako RRRR-MM-DD, np. 2021-05-27.",
        "en": "Write the date as YYYY-MM-DD, e.g. 2021-05-27.",
    },
    "advice.list": {
        "pl": "Zapisz każdy element w osobnym wierszu zaczynającym się od „- ”.",
        "en": "Write each item on its own line starting with '- '.",
    },
    "advice.generic": {
        "pl": "Porównaj ten fragment z poprawnym przykładem w innym pliku sekcji; opis wszystkich pól jest w folderze schema/.",
        "en": "Compare this part with a correct example in another section file; the schema/ folder describes every field.",
    },
    "advice.id": {
        "pl": "Identyfikator to krótki znak bez spacji i polskich liter, np. CS1, K2, alfa; pełną nazwę wpisz w polu title lub name.",
        "en": "An ID is a short code without spaces or accents, e.g. CS1, K2, alfa; put the full name in title or name.",
    },
    "value.too_short": {
        "pl": "Pole „{key}” nie może być puste.",
        "en": "Field '{key}' must not be empty.",
    },
    "value.too_short.hint": {
        "pl": "Uzupełnij treść pola albo je usuń, jeśli nie jest wymagane.",
        "en": "Fill in the field or remove it if it is optional.",
    },
    "value.too_long": {
        "pl": "Pole „{key}” jest za długie: {value}; dozwolone najwyżej {max} znaków.",
        "en": "Field '{key}' is too long: {value}; at most {max} characters are allowed.",
    },
    "value.too_long.hint": {
        "pl": "Skróć wartość; identyfikator ma być krótkim znakiem, np. CS1, a pełną nazwę wpisz w polu title lub name.",
        "en": "Shorten it; an ID is a short code such as CS1, the full name goes in title or name.",
    },
    "value.range": {
        "pl": "Pole „{key}” ma wartość {value} spoza dozwolonego zakresu: musi być {bound}.",
        "en": "Field '{key}' has value {value} outside the allowed range: it must be {bound}.",
    },
    "value.range.hint": {
        "pl": "Sprawdź, czy w liczbie nie ma literówki, zbędnego minusa albo przesuniętego przecinka.",
        "en": "Check the number for a typo, a stray minus sign or a misplaced decimal point.",
    },
    # --- rules across sections ----------------------------------------------------
    "rule.duplicate_id": {
        "pl": "Identyfikator „{id}” jest już użyty ({first}).",
        "en": "ID '{id}' is already used ({first}).",
    },
    "rule.duplicate_id.hint": {
        "pl": "Identyfikatory muszą być jednoznaczne w całej strategii; nadaj temu elementowi inny.",
        "en": "IDs must be unique across the strategy; give this item another one.",
    },
    "rule.dangling_reference": {
        "pl": "Odwołanie do nieistniejącego {what}: „{id}”.",
        "en": "Reference to a {what} that does not exist: '{id}'.",
    },
    "rule.dangling_reference.hint": {
        "pl": "Popraw identyfikator{suggestion_pl}. Istniejące: {known}.",
        "en": "Correct the ID{suggestion_en}. Existing: {known}.",
    },
    "rule.unknown_section": {
        "pl": "Nieznany rodzaj sekcji „{name}”.",
        "en": "Unknown section kind '{name}'.",
    },
    "rule.unknown_section.hint": {
        "pl": "{suggestion}Użyj jednej z nazw: {known}.",
        "en": "{suggestion}Use one of: {known}.",
    },
    "rule.one_leader": {
        "pl": "Partnerstwo musi mieć dokładnie jednego lidera (jest ich {count}).",
        "en": "The partnership must have exactly one leader (it has {count}).",
    },
    "rule.one_leader.hint": {
        "pl": "Wpisz „leader: true” tylko przy członku, który jest liderem.",
        "en": "Set 'leader: true' on the one member that leads.",
    },
    "rule.teryt_kind": {
        "pl": "Kod TERYT {teryt} nie pasuje do rodzaju „{kind}”.",
        "en": "TERYT code {teryt} does not match kind '{kind}'.",
    },
    "rule.teryt_kind.hint": {
        "pl": "Ostatnia cyfra kodu gminy: 1 miejska (urban), 2 wiejska (rural), 3 miejsko-wiejska (urban-rural); powiat ma 4 cyfry.",
        "en": "Last digit of a gmina code: 1 urban, 2 rural, 3 urban-rural; a powiat has 4 digits.",
    },
    "rule.duplicate_teryt": {
        "pl": "Kod TERYT {teryt} ma już członek „{first}”.",
        "en": "TERYT code {teryt} already belongs to member '{first}'.",
    },
    "rule.duplicate_teryt.hint": {
        "pl": "Każda gmina i powiat ma własny kod; sprawdź go w rejestrze TERYT (eteryt.stat.gov.pl).",
        "en": "Every gmina and powiat has its own code; look it up in the TERYT register (eteryt.stat.gov.pl).",
    },
    "rule.population_year": {
        "pl": "Liczba ludności członka „{name}” nie ma roku.",
        "en": "The population of '{name}' has no year.",
    },
    "rule.population_year.hint": {
        "pl": "Dodaj „population_year” albo opis w „population_note” (np. szacunek).",
        "en": "Add 'population_year' or a 'population_note' (e.g. estimate).",
    },
    "rule.year_order": {
        "pl": "Rok końcowy {last} jest wcześniejszy niż początkowy {first}.",
        "en": "The last year {last} is before the first year {first}.",
    },
    "rule.year_order.hint": {
        "pl": "Zamień lata miejscami: „first” to rok początkowy, „last” końcowy.",
        "en": "Swap the years: 'first' is the first year, 'last' the last one.",
    },
    "rule.duplicate_version": {
        "pl": "Wersja {version} występuje w historii dwa razy.",
        "en": "Version {version} appears twice in the history.",
    },
    "rule.duplicate_version.hint": {
        "pl": "Każdy wpis historii opisuje inną wersję; nadaj temu wpisowi kolejny numer.",
        "en": "Each history entry describes another version; give this one the next number.",
    },
    "rule.funding_sum": {
        "pl": "Źródła finansowania przedsięwzięcia {id} sumują się do {total}, a koszt wynosi {cost} (różnica {difference}).",
        "en": "The funding of investment {id} adds up to {total} but the cost is {cost} (difference {difference}).",
    },
    "rule.funding_sum.hint": {
        "pl": "Popraw kwoty źródeł albo koszt, tak by suma kwot była równa kosztowi.",
        "en": "Correct the amounts or the cost so that the amounts add up to the cost.",
    },
    "rule.year_outside_period": {
        "pl": "Rok {year} wykracza poza okres strategii {first}–{last}.",
        "en": "Year {year} lies outside the strategy's period {first}–{last}.",
    },
    "rule.year_outside_period.hint": {
        "pl": "Wpisz rok z okresu strategii albo zmień okres w strategy.yaml.",
        "en": "Use a year inside the period or change the period in strategy.yaml.",
    },
    "rule.leader_is_partner": {
        "pl": "Lider {id} jest też wpisany jako partner.",
        "en": "Leader {id} is also listed as a partner.",
    },
    "rule.leader_is_partner.hint": {
        "pl": "Usuń lidera z listy partnerów.",
        "en": "Remove the leader from the partners.",
    },
    "rule.investment_without_indicators": {
        "pl": "Przedsięwzięcie {id} nie ma wskaźników produktu ani rezultatu.",
        "en": "Investment {id} has no output or result indicators.",
    },
    "rule.investment_without_indicators.hint": {
        "pl": "Dodaj „indicators” z listą „output” (co powstanie) lub „result” (jaki będzie efekt).",
        "en": "Add 'indicators' with an 'output' list (what is made) or a 'result' list (what changes).",
    },
    "rule.indicator_no_baseline": {
        "pl": "Wskaźnik {id} nie ma wartości bazowej.",
        "en": "Indicator {id} has no baseline value.",
    },
    "rule.indicator_no_baseline.hint": {
        "pl": "Dodaj „baseline: {{value: …, year: …}}”.",
        "en": "Add 'baseline: {{value: …, year: …}}'.",
    },
    "rule.indicator_no_target": {
        "pl": "Wskaźnik {id} nie ma wartości docelowej.",
        "en": "Indicator {id} has no target value.",
    },
    "rule.indicator_no_target.hint": {
        "pl": "Dodaj „target: {{value: …, year: …}}”.",
        "en": "Add 'target: {{value: …, year: …}}'.",
    },
    "rule.baseline_after_target": {
        "pl": "Rok bazowy {baseline} wskaźnika {id} nie jest wcześniejszy niż rok docelowy {target}.",
        "en": "The baseline year {baseline} of indicator {id} is not before its target year {target}.",
    },
    "rule.baseline_after_target.hint": {
        "pl": "Wartość bazowa to stan wyjściowy (zwykle ostatni znany rok), docelowa to stan na koniec okresu strategii.",
        "en": "The baseline is the starting point (usually the last known year); the target is the state at the end of the period.",
    },
    "rule.goal_without_results": {
        "pl": "Cel {id} nie ma oczekiwanych rezultatów.",
        "en": "Goal {id} has no expected results.",
    },
    "rule.goal_without_results.hint": {
        "pl": "Dodaj listę „results” z co najmniej jednym rezultatem i jego wskaźnikiem.",
        "en": "Add a 'results' list with at least one result and its indicator.",
    },
    "rule.date_order": {
        "pl": "Data końcowa {end} jest wcześniejsza niż początkowa {start}.",
        "en": "The end date {end} is before the start date {start}.",
    },
    "rule.date_order.hint": {
        "pl": "Zamień daty miejscami: „start” to data początkowa, „end” końcowa.",
        "en": "Swap the dates: 'start' is the first day, 'end' the last one.",
    },
    "rule.indicator_missing_members": {
        "pl": "Wskaźnik {id} nie ma wartości dla: {members}.",
        "en": "Indicator {id} has no value for: {members}.",
    },
    "rule.indicator_missing_members.hint": {
        "pl": "Dopisz wartości; jeśli danych brak, wpisz „null”, a tabela pokaże kreskę.",
        "en": "Add the values; where no data exist write 'null' and the table shows a dash.",
    },
    "rule.dimensions": {
        "pl": "Cele strategiczne nie obejmują wymiaru: {missing}.",
        "en": "The strategic goals do not cover the dimension: {missing}.",
    },
    "rule.dimensions.hint": {
        "pl": "Ustawa (art. 10e ust. 3 pkt 1 u.s.g.) wymaga celów w wymiarze społecznym, gospodarczym i przestrzennym.",
        "en": "The law (art. 10e(3)(1)) requires goals in the social, economic and spatial dimensions.",
    },
    "rule.goal_without_direction": {
        "pl": "Do celu {id} nie prowadzi żaden kierunek działań.",
        "en": "No direction of action serves goal {id}.",
    },
    "rule.goal_without_direction.hint": {
        "pl": "Wskaż ten cel (lub jego cel operacyjny) w polu „goal” kierunku w directions.yaml.",
        "en": "Name this goal (or one of its operational goals) as 'goal' of a direction.",
    },
    "rule.direction_without_conclusion": {
        "pl": "Kierunek {id} nie odpowiada na żaden wniosek z diagnozy.",
        "en": "Direction {id} answers no conclusion of the diagnosis.",
    },
    "rule.direction_without_conclusion.hint": {
        "pl": "Dodaj listę „conclusions” z ID wniosków z conclusions.yaml.",
        "en": "Add a 'conclusions' list with IDs from conclusions.yaml.",
    },
    "rule.figure_missing": {
        "pl": "Nie ma pliku obrazu „{file}”.",
        "en": "Image file '{file}' does not exist.",
    },
    "rule.figure_missing.hint": {
        "pl": "Ścieżka jest liczona od folderu sekcji; sprawdź nazwę i rozszerzenie.",
        "en": "The path is relative to the sections folder; check the name and extension.",
    },
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


LANGS = ("pl", "en")


def plural_form(lang: str, n: int) -> int:
    """Index of the plural form: English one/other; Polish one/few/many (1 błąd, 2 błędy, 5 błędów)."""
    if n == 1:
        return 0
    if lang == "pl":
        return 1 if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14) else 2
    return 1


class _Formatter(string.Formatter):
    """str.format plus ``{n:plural:one|few|many}``, which picks the word form for n."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec.startswith("plural:"):
            forms = format_spec.removeprefix("plural:").split("|")
            return forms[min(plural_form(self.lang, int(value)), len(forms) - 1)]  # type: ignore[call-overload]
        return super().format_field(value, format_spec)


def localized(code: str, **params: object) -> dict[str, str]:
    """A message in every language, for use as a parameter of another message."""
    return {lang: render(code, lang, params) for lang in LANGS}


def render(code: str, lang: str, params: dict[str, object], missing_ok: bool = False) -> str:
    """Format ``code`` in ``lang``; a parameter given as {lang: text} is picked per language."""
    entry = CATALOG.get(code)
    if entry is None:
        if missing_ok:
            return ""
        raise KeyError(f"message code {code!r} is not in the catalog")
    template = entry.get(lang) or entry["en"]
    values = {k: (v.get(lang, "") if isinstance(v, dict) else v) for k, v in params.items()}
    return _Formatter(lang).format(template, **values)


def placeholders(code: str, lang: str) -> set[str]:
    return _fields(CATALOG[code][lang])
