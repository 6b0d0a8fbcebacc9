"""The one catalog of messages shown to users, in Polish and English.

Each code maps to a Polish and an English template; a code ending in ``.hint`` is the
advice shown under the message. A test checks that both languages exist for every
code and use the same placeholders. ``{n:plural:błąd|błędy|błędów}`` picks the word form
for the number n (Polish has three, English two).
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
    "file.encoding.guess": {
        "pl": " (zapewne litera „{char}” w kodowaniu {encoding})",
        "en": " (probably the letter '{char}' in the {encoding} encoding)",
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
        "pl": "Utwórz plik {kind}.yaml w folderze sekcji{or_folder}; opis pól jest w pliku schema/{kind}.schema.json.",
        "en": "Create {kind}.yaml in the sections folder{or_folder}; schema/{kind}.schema.json describes its fields.",
    },
    "file.missing_kind.or_folder": {
        "pl": " albo folder {kind}/ z osobnym plikiem dla każdej pozycji",
        "en": " or a folder {kind}/ with a file for each item",
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
    "yaml.too_deep": {
        "pl": "Wartości są tu zagnieżdżone głębiej niż na {depth} poziomów.",
        "en": "The values here are nested deeper than {depth} levels.",
    },
    "yaml.too_deep.hint": {
        "pl": "Sprawdź, czy nawiasy „[” i „{{” są zamknięte; żadna sekcja nie potrzebuje takiego zagnieżdżenia.",
        "en": "Check that the brackets '[' and '{{' are closed; no section needs such nesting.",
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
        "pl": "Kotwice i odwołania YAML (&, *) są niedozwolone (tu: {name}).",
        "en": "YAML anchors and aliases (&, *) are not allowed (here: {name}).",
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
    # Sorts of ID, as the object of "a reference to a … that does not exist".
    "what.member": {"pl": "członka partnerstwa", "en": "member"},
    "what.meeting": {"pl": "spotkania", "en": "meeting"},
    "what.chapter": {"pl": "rozdziału diagnozy", "en": "chapter of the diagnosis"},
    "what.conclusion": {"pl": "wniosku z diagnozy", "en": "conclusion of the diagnosis"},
    "what.goal": {"pl": "celu", "en": "goal"},
    "what.direction": {"pl": "kierunku działań", "en": "direction of action"},
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
        "pl": "Popraw identyfikator{suggestion}. Istniejące: {known}.",
        "en": "Correct the ID{suggestion}. Existing: {known}.",
    },
    "rule.dangling_reference.perhaps": {
        "pl": " (może „{id}”?)",
        "en": " (perhaps '{id}'?)",
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
    # --- releases, changes between versions, council comments (issue 4) ---------------
    "release.bad_version": {
        "pl": "„{version}” nie jest numerem wersji.",
        "en": "'{version}' is not a version number.",
    },
    "release.bad_version.hint": {
        "pl": "Podaj wersję jak w nazwie folderu wydania, np. v0.3.",
        "en": "Give the version as in the name of the release folder, e.g. v0.3.",
    },
    "release.not_found": {
        "pl": "Nie ma wydania wersji {version} (wydane wersje: {known}).",
        "en": "There is no release of version {version} (released versions: {known}).",
    },
    "release.not_found.hint": {
        "pl": "Wydania są w podfolderach vX.Y folderu releases/ obok sekcji; inny folder wskaż opcją --releases.",
        "en": "Releases are the vX.Y folders of releases/ beside the sections; give another folder with --releases.",
    },
    "release.manifest_unreadable": {
        "pl": "Plik manifest.json wydania jest nieczytelny albo niekompletny ({reason}).",
        "en": "The release's manifest.json is unreadable or incomplete ({reason}).",
    },
    "release.manifest_unreadable.hint": {
        "pl": "Wydania nie wolno zmieniać ręcznie; przywróć folder wydania z kopii albo z repozytorium git.",
        "en": "A release must never be edited by hand; restore the release folder from a backup or from git.",
    },
    "release.tampered": {
        "pl": "Folder wydania {version} różni się od jego manifestu (zmienione, -usunięte, +dodane pliki: {files}).",
        "en": "The release folder of {version} differs from its manifest (changed, -removed, +added files: {files}).",
    },
    "release.tampered.hint": {
        "pl": "Wydania są tylko do odczytu: przywróć folder z kopii albo z git (git checkout -- releases/), a zmiany wprowadź w sekcjach i wydaj nową wersję.",
        "en": "Releases are read-only: restore the folder from a backup or from git (git checkout -- releases/), make changes in the sections and release a new version.",
    },
    "release.refused_errors": {
        "pl": "Nie wydano wersji: sekcje mają błędy wymienione wyżej.",
        "en": "No version was released: the sections have the errors listed above.",
    },
    "release.refused_errors.hint": {
        "pl": "Popraw błędy (python build_strategy.py check) i uruchom polecenie ponownie.",
        "en": "Fix the errors (python build_strategy.py check) and run the command again.",
    },
    "release.previous_invalid": {
        "pl": "Sekcje poprzedniego wydania nie przechodzą walidacji tej wersji narzędzia, więc nie można ich porównać.",
        "en": "The sections of the previous release do not validate with this version of the tool, so they cannot be compared.",
    },
    "release.previous_invalid.hint": {
        "pl": "Porównanie wymaga narzędzia zgodnego z tym wydaniem; zgłoś to osobie utrzymującej narzędzie.",
        "en": "The comparison needs a tool compatible with that release; tell whoever maintains the tool.",
    },
    "release.final_refused": {
        "pl": "Wersji ostatecznej nie wydano: pozostały ostrzeżenia ({warnings}) i uwagi bez odpowiedzi ({open}).",
        "en": "The final version was not released: warnings ({warnings}) and unanswered comments ({open}) remain.",
    },
    "release.final_refused.hint": {
        "pl": "Usuń przyczyny ostrzeżeń i odpowiedz na uwagi; albo wydaj mimo to z opcją --force \"uzasadnienie\" (zostanie zapisane w historii wersji).",
        "en": "Remove the causes of the warnings and answer the comments; or release anyway with --force \"reason\" (recorded in the history of versions).",
    },
    "release.unknown_meeting": {
        "pl": "Nie ma spotkania „{meeting}” (spotkania: {known}).",
        "en": "There is no meeting '{meeting}' (meetings: {known}).",
    },
    "release.unknown_meeting.hint": {
        "pl": "Podaj w --meeting ID spotkania z meetings, na którym uzgodniono tę wersję.",
        "en": "Give in --meeting the ID of the meeting (from meetings) that agreed this version.",
    },
    "release.date_order": {
        "pl": "Data wydania {date} jest wcześniejsza niż data ostatniej wersji w historii ({last}).",
        "en": "The release date {date} is earlier than the last version in the history ({last}).",
    },
    "release.date_order.hint": {
        "pl": "Podaj w --date datę nie wcześniejszą niż {last}.",
        "en": "Give in --date a date not earlier than {last}.",
    },
    "release.tag_exists": {
        "pl": "W repozytorium git jest już znacznik {tag}.",
        "en": "The git repository already has the tag {tag}.",
    },
    "release.tag_exists.hint": {
        "pl": "Znacznik wskazuje wcześniejsze wydanie tej wersji; sprawdź folder releases/ i historię git.",
        "en": "The tag marks an earlier release of this version; check the releases/ folder and the git history.",
    },
    "release.record_uneditable": {
        "pl": "Nie można bezpiecznie dopisać nowej wersji do tego pliku.",
        "en": "The new version cannot be added to this file safely.",
    },
    "release.record_uneditable.hint": {
        "pl": "Zapisz pola version, status i date każde w osobnym wierszu („version: \"0.3\"”), a historię jako listę w polu history.",
        "en": "Write version, status and date each on its own line ('version: \"0.3\"') and the history as a list under history.",
    },
    "release.sections_changed": {
        "pl": "Plik zmienił się w trakcie wydawania wersji; nic nie zapisano.",
        "en": "The file changed while the version was being released; nothing was written.",
    },
    "release.sections_changed.hint": {
        "pl": "Zapisz zmiany w edytorze i uruchom polecenie ponownie.",
        "en": "Save your changes in the editor and run the command again.",
    },
    "release.exists": {
        "pl": "Wydanie wersji {version} już istnieje; wydań nie nadpisuje się.",
        "en": "A release of version {version} already exists; releases are never overwritten.",
    },
    "release.exists.hint": {
        "pl": "Wydaj kolejną wersję (numer nada polecenie release).",
        "en": "Release the next version (the release command numbers it).",
    },
    "release.record_unwritable": {
        "pl": "Nie można zapisać pliku ({reason}); wydania nie utworzono.",
        "en": "The file cannot be written ({reason}); no release was made.",
    },
    "release.record_unwritable.hint": {
        "pl": "Sprawdź, czy plik nie jest otwarty w innym programie i czy masz prawo zapisu.",
        "en": "Check that no other program holds the file open and that you may write it.",
    },
    "release.git_failed": {
        "pl": "Wydanie zapisano, ale nie utworzono znacznika git {tag}: {reason}",
        "en": "The release was written, but the git tag {tag} was not made: {reason}",
    },
    "release.git_failed.hint": {
        "pl": "Zatwierdź folder wydania i strategy.yaml w git i utwórz znacznik ręcznie (git tag -a {tag}).",
        "en": "Commit the release folder and strategy.yaml in git and make the tag by hand (git tag -a {tag}).",
    },
    "release.failed": {
        "pl": "Polecenie nie powiodło się ({reason}); sekcje i wydania pozostały bez zmian.",
        "en": "The command failed ({reason}); the sections and the releases are unchanged.",
    },
    "release.done": {
        "pl": "Wydano wersję {version}: {folder}",
        "en": "Released version {version}: {folder}",
    },
    "release.tagged": {
        "pl": "Znacznik git: {tag}",
        "en": "Git tag: {tag}",
    },
    "verify.same": {"pl": "zgodny:   {file}", "en": "same:      {file}"},
    "verify.different": {"pl": "RÓŻNY:    {file}", "en": "DIFFERENT: {file}"},
    "verify.ok": {
        "pl": "Wydanie {version} odtworzono: skróty SHA-256 wszystkich plików są zgodne z manifestem.",
        "en": "Release {version} was reproduced: the SHA-256 of every file matches its manifest.",
    },
    "verify.failed": {
        "pl": "Wydania {version} nie odtworzono: pliki oznaczone jako różne mają inne skróty niż w manifeście.",
        "en": "Release {version} was not reproduced: the files marked different hash differently from the manifest.",
    },
    "verify.tools_differ": {
        "pl": "Narzędzia różnią się od zapisanych w manifeście ({tools}); różnica może wynikać z nich, a nie z wydania.",
        "en": "The tools differ from those in the manifest ({tools}); the difference may come from them, not from the release.",
    },
    "diff.refused_errors": {
        "pl": "Nie porównano wersji: sekcje mają błędy wymienione wyżej.",
        "en": "The versions were not compared: the sections have the errors listed above.",
    },
    "diff.refused_errors.hint": {
        "pl": "Popraw błędy (python build_strategy.py check) albo porównaj dwa wydania: diff vA vB.",
        "en": "Fix the errors (python build_strategy.py check) or compare two releases: diff vA vB.",
    },
    "diff.redline": {
        "pl": "Wersja z oznaczonymi zmianami (śledzenie zmian w Word): {path}",
        "en": "Version with tracked changes (Word): {path}",
    },
    "comments.no_file": {
        "pl": "Nie ma takiego pliku.",
        "en": "There is no such file.",
    },
    "comments.no_file.hint": {
        "pl": "Podaj ścieżkę do pliku DOCX odesłanego przez członka Rady.",
        "en": "Give the path of the DOCX a council member sent back.",
    },
    "comments.not_docx": {
        "pl": "To nie jest dokument Word (DOCX).",
        "en": "This is not a Word document (DOCX).",
    },
    "comments.not_docx.hint": {
        "pl": "Zapisz dokument w Word jako „Dokument programu Word (*.docx)” i podaj ten plik.",
        "en": "Save the document in Word as 'Word Document (*.docx)' and give that file.",
    },
    "comments.not_a_release": {
        "pl": "Dokument nie ma tytułu ani numeru wersji strategii we właściwościach, więc nie pochodzi z wydania.",
        "en": "The document has no strategy title or version in its properties, so it does not come from a release.",
    },
    "comments.not_a_release.hint": {
        "pl": "Uwagi wnosi się w pliku DOCX z folderu wydania (releases/vX.Y/), rozesłanym Radzie.",
        "en": "Comments are made in the DOCX from the release folder (releases/vX.Y/) sent to the council.",
    },
    "comments.other_strategy": {
        "pl": "Dokument dotyczy innej strategii („{title}”), a nie „{expected}”.",
        "en": "The document belongs to another strategy ('{title}'), not '{expected}'.",
    },
    "comments.other_strategy.hint": {
        "pl": "Sprawdź, czy to właściwy plik i właściwy folder sekcji (--sections).",
        "en": "Check that this is the right file and the right sections folder (--sections).",
    },
    "comments.version_not_released": {
        "pl": "Dokument jest w wersji {version}, której nie wydano (wydane wersje: {known}).",
        "en": "The document is version {version}, which was never released (released versions: {known}).",
    },
    "comments.version_not_released.hint": {
        "pl": "Uwagi wnosi się w dokumencie z wydania; poproś o plik z folderu releases/.",
        "en": "Comments are made in a released document; ask for the file from the releases/ folder.",
    },
    "comments.other_version": {
        "pl": "Dokument jest w wersji {version}, a Radzie przekazano już wersję {latest}.",
        "en": "The document is version {version}, but version {latest} has since been sent to the council.",
    },
    "comments.other_version.hint": {
        "pl": "Poproś o uwagi do wersji {latest} albo przenieś je do jej pliku; uwag do starszych wersji nie rejestruje się.",
        "en": "Ask for comments on version {latest} or move them into its file; comments on older versions are not filed.",
    },
    "comments.redline": {
        "pl": "To wersja z oznaczonymi zmianami ({version} względem {old}), a nie projekt do uwag.",
        "en": "This is the version with tracked changes ({version} against {old}), not the draft for comments.",
    },
    "comments.redline.hint": {
        "pl": "Uwagi wnosi się w projekcie wersji {version} (plik DOCX bez „zmiany-od” w nazwie).",
        "en": "Comments are made in the draft of version {version} (the DOCX without 'zmiany-od' in its name).",
    },
    "comments.text_gone": {
        "pl": "Uwaga lub zmiana ({author}, {date}) dotyczy tekstu, którego nie ma w wydanej wersji: „{text}”.",
        "en": "A comment or change ({author}, {date}) concerns text that is not in the released version: '{text}'.",
    },
    "comments.text_gone.hint": {
        "pl": "Tekst zmieniono bez śledzenia zmian albo plik pochodzi z innej wersji; poproś o uwagi we właściwym pliku lub przepisz je ręcznie do rejestru.",
        "en": "The text was changed without tracking, or the file comes from another version; ask for the comments in the right file or copy them into the register by hand.",
    },
    "comments.register_is_file": {
        "pl": "Rejestr uwag jest pojedynczym plikiem; nowe uwagi zapisuje się w folderze review/, po jednej w pliku.",
        "en": "The register of comments is a single file; new comments are written into the folder review/, one per file.",
    },
    "comments.register_is_file.hint": {
        "pl": "Przenieś uwagi z review.yaml do plików w folderze review/ (po jednej na plik) i usuń review.yaml.",
        "en": "Move the comments of review.yaml into files in the folder review/ (one per file) and remove review.yaml.",
    },
    "comments.sections_invalid": {
        "pl": "Nie zapisano uwag: rejestr uwag lub metryka mają błędy wymienione wyżej.",
        "en": "No comments were filed: the register or the record has the errors listed above.",
    },
    "comments.sections_invalid.hint": {
        "pl": "Popraw błędy (python build_strategy.py check) i uruchom polecenie ponownie.",
        "en": "Fix the errors (python build_strategy.py check) and run the command again.",
    },
    "comments.exists": {
        "pl": "W rejestrze jest już plik {file}; nic nie zapisano.",
        "en": "The register already has the file {file}; nothing was written.",
    },
    "comments.exists.hint": {
        "pl": "Nadaj istniejącemu plikowi nazwę zgodną z jego ID i uruchom polecenie ponownie.",
        "en": "Name the existing file after its ID and run the command again.",
    },
    "comments.imported": {
        "pl": "Zarejestrowano {count} {count:plural:uwagę|uwagi|uwag} (pominięto już zarejestrowane: {skipped}):",
        "en": "Filed {count} {count:plural:comment|comments} (skipped as already filed: {skipped}):",
    },
    "comments.nothing_new": {
        "pl": "Nie ma nowych uwag (pominięto już zarejestrowane: {skipped}).",
        "en": "There are no new comments (skipped as already filed: {skipped}).",
    },
    "review.comment_open": {
        "pl": "Uwaga {id} ({author}) czeka na odpowiedź grupy roboczej.",
        "en": "Comment {id} ({author}) awaits the working group's answer.",
    },
    "review.comment_open.hint": {
        "pl": "Wpisz w „status” accepted, partly albo rejected, a w „response” uzasadnienie.",
        "en": "Set 'status' to accepted, partly or rejected and give the justification in 'response'.",
    },
    "review.comment_unjustified": {
        "pl": "Rozstrzygnięcie uwagi {id} nie ma uzasadnienia.",
        "en": "The decision on comment {id} has no justification.",
    },
    "review.comment_unjustified.hint": {
        "pl": "Wpisz w „response”, dlaczego uwagę uwzględniono, uwzględniono częściowo albo odrzucono.",
        "en": "Write in 'response' why the comment was accepted, partly accepted or rejected.",
    },
    # --- the public consultation (art. 6 u.z.p.p.) -----------------------------------
    "consultation.no_website": {
        "pl": "Konsultacji nie ogłoszono na stronie internetowej.",
        "en": "The consultation was not announced on the website.",
    },
    "consultation.no_website.hint": {
        "pl": "Art. 6 ust. 4 u.z.p.p. wymaga ogłoszenia na własnej stronie internetowej; od dnia tego ogłoszenia liczy się 35 dni. Dodaj ogłoszenie z „where” wskazującym stronę lub BIP albo z „website: true”.",
        "en": "Art. 6(4) of the Act on development policy requires an announcement on the partnership's own website; the 35 days run from that day. Add an announcement whose 'where' names the website or BIP, or set 'website: true'.",
    },
    "consultation.too_short": {
        "pl": "Konsultacje są za krótkie: od ogłoszenia na stronie internetowej ({announced}) do ostatniego dnia na uwagi ({end}) mija {days} {days:plural:dzień|dni|dni}, a ustawa wymaga co najmniej 35.",
        "en": "The consultation is too short: from the announcement on the website ({announced}) to the last day for comments ({end}) there {days:plural:is|are} {days} {days:plural:day|days}; the law requires at least 35.",
    },
    "consultation.too_short.hint": {
        "pl": "Art. 6 ust. 5 u.z.p.p.: termin na uwagi nie może być krótszy niż 35 dni od dnia ogłoszenia na stronie internetowej. Dnia ogłoszenia nie wlicza się (jak w art. 111 § 2 Kodeksu cywilnego), więc „end” musi przypadać najwcześniej {earliest}; przedłuż konsultacje albo popraw datę.",
        "en": "Art. 6(5) of the Act on development policy: the term for comments may not be shorter than 35 days from the day of the announcement on the website. The day of the announcement is not counted (as in art. 111 § 2 of the Civil Code), so 'end' must be {earliest} or later; extend the consultation or correct the date.",
    },
    "consultation.before_announcement": {
        "pl": "Konsultacje zaczynają się ({start}) przed ogłoszeniem na stronie internetowej ({announced}).",
        "en": "The consultation starts ({start}) before its announcement on the website ({announced}).",
    },
    "consultation.before_announcement.hint": {
        "pl": "Sprawdź daty: uwagi można zbierać dopiero po ogłoszeniu konsultacji.",
        "en": "Check the dates: comments can be collected only once the consultation is announced.",
    },
    "consultation.body_missing": {
        "pl": "Wśród konsultowanych podmiotów brakuje: {body}.",
        "en": "The consulted bodies do not include: {body}.",
    },
    "consultation.body_missing.hint": {
        "pl": "Art. 6 ust. 3 u.z.p.p. wymaga konsultacji strategii ponadlokalnej z sąsiednimi gminami, lokalnymi partnerami społecznymi i gospodarczymi, mieszkańcami oraz dyrektorem RZGW Wód Polskich. Dopisz „{code}” do listy „bodies”, jeśli ten podmiot był konsultowany.",
        "en": "Art. 6(3) of the Act on development policy requires consulting a supra-local strategy with the neighbouring gminas, local social and economic partners, the residents and the director of the regional water authority (Wody Polskie). Add '{code}' to 'bodies' if this body was consulted.",
    },
    "consultation.comment_category": {
        "pl": "Uwaga {id} z konsultacji nie ma kategorii zgłaszającego.",
        "en": "Consultation comment {id} has no category of commenter.",
    },
    "consultation.comment_category.hint": {
        "pl": "Wpisz „category”: resident, ngo, business, neighbouring_gmina, public_body, water_authority albo other; raport z konsultacji pokazuje kategorię zamiast danych osobowych.",
        "en": "Set 'category': resident, ngo, business, neighbouring_gmina, public_body, water_authority or other; the consultation report shows the category instead of personal data.",
    },
    "consultation.comment_author": {
        "pl": "Uwaga {id} z konsultacji podaje autora.",
        "en": "Consultation comment {id} names its author.",
    },
    "consultation.comment_author.hint": {
        "pl": "Rejestr uwag z konsultacji nie zawiera danych osobowych: usuń „author” i zostaw samą kategorię zgłaszającego.",
        "en": "The register of consultation comments holds no personal data: remove 'author' and keep only the commenter's category.",
    },
    "consultation.comment_unjustified": {
        "pl": "Uwaga {id} z konsultacji ma rozstrzygnięcie, ale nie ma uzasadnienia.",
        "en": "Consultation comment {id} has a decision but no justification.",
    },
    "consultation.comment_unjustified.hint": {
        "pl": "Raport z konsultacji (art. 6 ust. 6 u.z.p.p.) podaje przy każdej uwadze odniesienie się do niej z uzasadnieniem: wpisz je w „response”.",
        "en": "The consultation report (art. 6(6) of the Act on development policy) answers every comment with a justification: write it in 'response'.",
    },
    "consultation.comments_without_consultation": {
        "pl": "Rejestr zawiera uwagi z konsultacji, ale nie ma sekcji consultation.",
        "en": "The register holds consultation comments but there is no consultation section.",
    },
    "consultation.comments_without_consultation.hint": {
        "pl": "Opisz konsultacje w pliku consultation.yaml (daty, ogłoszenia, formy, konsultowane podmioty).",
        "en": "Describe the consultation in consultation.yaml (dates, announcements, channels, bodies consulted).",
    },
    "consultation.comment_late": {
        "pl": "Uwaga {id} wpłynęła {date}, po zakończeniu konsultacji ({end}).",
        "en": "Comment {id} arrived on {date}, after the consultation ended ({end}).",
    },
    "consultation.comment_late.hint": {
        "pl": "Sprawdź datę; uwagę zgłoszoną po terminie można rozpatrzyć, ale raport powinien to zaznaczyć w odpowiedzi.",
        "en": "Check the date; a late comment may still be considered, but the answer should say that it was late.",
    },
    # --- accessibility ---------------------------------------------------------------
    "access.alt_missing": {
        "pl": "Brakuje tekstu alternatywnego („alt”) obrazu lub mapy.",
        "en": "The image or map has no alternative text ('alt').",
    },
    "access.alt_missing.hint": {
        "pl": "Opisz w „alt” jednym lub dwoma zdaniami, co widać na obrazie; bez tego osoba niewidoma nie pozna jego treści, a PDF nie spełni wymogów dostępności (WCAG 2.1, PDF/UA).",
        "en": "Describe in 'alt', in a sentence or two, what the image shows; without it a blind reader cannot know its content and the PDF fails accessibility rules (WCAG 2.1, PDF/UA).",
    },
    "access.table_header": {
        "pl": "Tabela „{caption}” nie ma wiersza nagłówka („columns” jest puste).",
        "en": "Table '{caption}' has no header row ('columns' is empty).",
    },
    "access.table_header.hint": {
        "pl": "Wpisz nagłówki kolumn w „columns”; czytniki ekranu odczytują każdą komórkę razem z nagłówkiem jej kolumny.",
        "en": "Write the column headers in 'columns'; screen readers read each cell with the header of its column.",
    },
    "access.table_row_width": {
        "pl": "Wiersz ma {cells} {cells:plural:komórkę|komórki|komórek}, a tabela ma {columns} {columns:plural:kolumnę|kolumny|kolumn}.",
        "en": "The row has {cells} {cells:plural:cell|cells} but the table has {columns} {columns:plural:column|columns}.",
    },
    "access.table_row_width.hint": {
        "pl": "Dodaj nagłówek brakującej kolumny w „columns” albo usuń nadmiarową komórkę; inaczej jej treść by zginęła.",
        "en": "Add the missing column's header to 'columns' or remove the extra cell; otherwise its content would be lost.",
    },
    "access.empty_title": {
        "pl": "Pole „{key}” nie zawiera żadnej litery ani cyfry ({value}).",
        "en": "Field '{key}' holds no letter or digit ({value}).",
    },
    "access.empty_title.hint": {
        "pl": "Tytuł lub podpis staje się nagłówkiem albo podpisem w dokumencie; pusty nagłówek nic nie mówi czytnikowi ekranu. Wpisz tytuł słowami.",
        "en": "A title or caption becomes a heading or caption in the document; an empty one tells a screen reader nothing. Write the title in words.",
    },
    "access.alt_repeats": {
        "pl": "Tekst alternatywny powtarza podpis lub nazwę pliku: {alt}.",
        "en": "The alternative text repeats the caption or the file name: {alt}.",
    },
    "access.alt_repeats.hint": {
        "pl": "Opisz, co pokazuje obraz (np. co rośnie, co jest gdzie), a nie jego tytuł.",
        "en": "Describe what the image shows (what rises, what lies where), not its title.",
    },
    "access.pseudo_heading": {
        "pl": "Tekst zawiera wiersz wyglądający jak nagłówek Markdown: {line}",
        "en": "The text holds a line that looks like a Markdown heading: {line}",
    },
    "access.pseudo_heading.hint": {
        "pl": "Tekst drukuje się dosłownie, więc ten wiersz nie byłby nagłówkiem dla czytnika ekranu. Utwórz podrozdział: „subsections” z „title” i „text”.",
        "en": "Text prints literally, so this line would not be a heading to a screen reader. Make a subsection instead: 'subsections' with 'title' and 'text'.",
    },
    # --- maps of the graphic part ------------------------------------------------------
    "map.file_type": {
        "pl": "Mapa „{file}” musi być obrazem PNG/JPG albo plikiem GeoJSON (.geojson).",
        "en": "Map '{file}' must be a PNG/JPG image or a GeoJSON file (.geojson).",
    },
    "map.file_type.hint": {
        "pl": "Zapisz mapę jako PNG albo wyeksportuj warstwy do GeoJSON (np. w QGIS: Eksportuj, format GeoJSON, układ EPSG:4326).",
        "en": "Save the map as PNG or export the layers to GeoJSON (e.g. in QGIS: Export, GeoJSON, EPSG:4326).",
    },
    "map.file_missing": {
        "pl": "Nie ma pliku mapy „{file}”.",
        "en": "Map file '{file}' does not exist.",
    },
    "map.file_missing.hint": {
        "pl": "Ścieżka jest liczona od folderu sekcji, np. maps/model.geojson; sprawdź nazwę i rozszerzenie.",
        "en": "The path is relative to the sections folder, e.g. maps/model.geojson; check the name and extension.",
    },
    "map.unreadable": {
        "pl": "Nie można odczytać pliku mapy {file}: {reason}.",
        "en": "Map file {file} cannot be read: {reason}.",
    },
    "map.unreadable.hint": {
        "pl": "Sprawdź, czy plik nie jest otwarty w innym programie i czy masz do niego dostęp.",
        "en": "Check that no other program holds the file open and that you may read it.",
    },
    "map.too_large": {
        "pl": "Plik mapy {file} jest większy niż {mb} MB.",
        "en": "Map file {file} is larger than {mb} MB.",
    },
    "map.too_large.hint": {
        "pl": "Uprość geometrię (np. w QGIS: Uprość) albo zostaw tylko warstwy pokazywane na mapie.",
        "en": "Simplify the geometry (e.g. QGIS: Simplify) or keep only the layers the map shows.",
    },
    "map.not_json": {
        "pl": "Plik mapy {file} nie jest poprawnym plikiem GeoJSON (wiersz {line}: {reason}).",
        "en": "Map file {file} is not valid GeoJSON (line {line}: {reason}).",
    },
    "map.not_json.hint": {
        "pl": "Otwórz plik w edytorze i popraw zapis w tym wierszu (przecinki, nawiasy, cudzysłowy) albo wyeksportuj go ponownie; plik musi być w UTF-8.",
        "en": "Open the file in an editor and fix that line (commas, brackets, quotes) or export it again; the file must be UTF-8.",
    },
    "map.not_collection": {
        "pl": "Plik mapy {file} nie jest kolekcją obiektów GeoJSON („FeatureCollection”).",
        "en": "Map file {file} is not a GeoJSON FeatureCollection.",
    },
    "map.not_collection.hint": {
        "pl": "Plik zaczyna się od {{\"type\": \"FeatureCollection\", \"features\": [...]}}; tak zapisuje go QGIS przy eksporcie do GeoJSON.",
        "en": "The file starts with {{\"type\": \"FeatureCollection\", \"features\": [...]}}; QGIS writes it so when exporting to GeoJSON.",
    },
    "map.empty": {
        "pl": "Plik mapy {file} nie zawiera żadnych obiektów.",
        "en": "Map file {file} holds no features.",
    },
    "map.empty.hint": {
        "pl": "Dodaj obiekty (punkty, linie, obszary) albo usuń mapę z sekcji.",
        "en": "Add features (points, lines, areas) or remove the map from the section.",
    },
    "map.bad_feature": {
        "pl": "Obiekt nr {number} w pliku {file} nie jest obiektem GeoJSON („Feature” z „properties”).",
        "en": "Feature {number} in {file} is not a GeoJSON Feature with 'properties'.",
    },
    "map.bad_feature.hint": {
        "pl": "Każdy element listy „features” ma postać {{\"type\": \"Feature\", \"properties\": {{...}}, \"geometry\": {{...}}}}.",
        "en": "Each item of 'features' reads {{\"type\": \"Feature\", \"properties\": {{...}}, \"geometry\": {{...}}}}.",
    },
    "map.no_category": {
        "pl": "Obiekt nr {number}{name} w pliku {file} nie ma właściwości „category”.",
        "en": "Feature {number}{name} in {file} has no 'category' property.",
    },
    "map.no_category.hint": {
        "pl": "Wpisz w „properties” kategorię, np. \"category\": \"centre_local\", i opisz ją w „layers” mapy; kategoria wskazuje pozycję legendy.",
        "en": "Give it a category in 'properties', e.g. \"category\": \"centre_local\", and describe it in the map's 'layers'; the category is its legend entry.",
    },
    "map.bad_geometry": {
        "pl": "Obiekt nr {number}{name} w pliku {file} ma nieobsługiwaną geometrię {type}.",
        "en": "Feature {number}{name} in {file} has an unsupported geometry {type}.",
    },
    "map.bad_geometry.hint": {
        "pl": "Dozwolone geometrie: Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon.",
        "en": "Allowed geometries: Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon.",
    },
    "map.bad_coordinates": {
        "pl": "Obiekt nr {number}{name} w pliku {file} ma niepoprawne współrzędne ({type}).",
        "en": "Feature {number}{name} in {file} has invalid coordinates ({type}).",
    },
    "map.bad_coordinates.hint": {
        "pl": "Współrzędne to [długość, szerokość] w stopniach (EPSG:4326), np. [22.72, 52.21]; linia ma co najmniej 2 punkty, a obszar jest zamknięty (pierwszy punkt = ostatni).",
        "en": "Coordinates are [longitude, latitude] in degrees (EPSG:4326), e.g. [22.72, 52.21]; a line has at least 2 positions and an area ring is closed (first = last).",
    },
    "map.unknown_category": {
        "pl": "Kategorii „{category}” (obiekt nr {number} w {file}) nie ma w warstwach mapy, więc legenda by jej nie opisywała.",
        "en": "Category '{category}' (feature {number} in {file}) is not among the map's layers, so the legend would not describe it.",
    },
    "map.unknown_category.hint": {
        "pl": "Dodaj do „layers” wpis z „category: {category}” i opisem w „label”. Zdefiniowane kategorie: {known}.",
        "en": "Add a 'layers' entry with 'category: {category}' and a 'label'. Defined categories: {known}.",
    },
    "map.layer_unused": {
        "pl": "Warstwa „{category}” mapy {file} nie ma żadnego obiektu.",
        "en": "Layer '{category}' of map {file} has no feature.",
    },
    "map.layer_unused.hint": {
        "pl": "Usuń warstwę z „layers” albo popraw „category” obiektów w pliku GeoJSON.",
        "en": "Remove the layer from 'layers' or correct the features' 'category' in the GeoJSON file.",
    },
    "map.layers_on_image": {
        "pl": "Mapa {file} jest obrazem, więc jej „layers” nie są używane.",
        "en": "Map {file} is an image, so its 'layers' are not used.",
    },
    "map.layers_on_image.hint": {
        "pl": "Warstwy opisują obiekty pliku GeoJSON; przy obrazie usuń „layers” (legenda jest częścią obrazu).",
        "en": "Layers describe the features of a GeoJSON file; for an image remove 'layers' (its legend is part of the image).",
    },
    # --- readiness: the elements the law requires (strategy/readiness.py) --------------
    "readiness.refused": {
        "pl": "Odmowa: {count} {count:plural:element wymagany|elementy wymagane|elementów wymaganych} prawem {count:plural:jest niekompletny lub go brakuje|są niekompletne lub ich brakuje|jest niekompletnych lub ich brakuje}:",
        "en": "Refused: {count} {count:plural:element|elements} the law requires {count:plural:is|are} missing or incomplete:",
    },
    "readiness.final_missing": {
        "pl": "Wersji ostatecznej nie można wydać: {name} ({basis}) – {status}{detail}.",
        "en": "A final version cannot be released: {name} ({basis}) – {status}{detail}.",
    },
    "readiness.final_missing.hint": {
        "pl": "Uzupełnij ten element; python build_strategy.py readiness pokazuje stan wszystkich elementów wymaganych prawem. Tej odmowy nie znosi --force.",
        "en": "Complete this element; python build_strategy.py readiness shows every element the law requires. --force does not lift this refusal.",
    },
    "readiness.status.present": {"pl": "jest", "en": "present"},
    "readiness.status.incomplete": {"pl": "niekompletne", "en": "incomplete"},
    "readiness.status.missing": {"pl": "brak", "en": "missing"},
    "readiness.heading": {
        "pl": "Gotowość strategii do przekazania: wersja {version} ({status})",
        "en": "Readiness of the strategy for submission: version {version} ({status})",
    },
    "readiness.ready": {
        "pl": "Wszystkie {count} elementy wymagane prawem są w dokumencie.",
        "en": "All {count} elements the law requires are in the document.",
    },
    "readiness.not_ready": {
        "pl": "{count} z {total} elementów wymaganych prawem {count:plural:jest niekompletny lub go brakuje|są niekompletne lub ich brakuje|jest niekompletnych lub ich brakuje}; wersji ostatecznej nie można wydać.",
        "en": "{count} of the {total} elements the law requires {count:plural:is|are} missing or incomplete; a final version cannot be released.",
    },
    "readiness.errors": {
        "pl": "Sekcje mają {errors} {errors:plural:błąd|błędy|błędów}; numerów rozdziałów nie podano. Uruchom: python build_strategy.py check",
        "en": "The sections have {errors} {errors:plural:error|errors}; chapter numbers are not given. Run: python build_strategy.py check",
    },
    "readiness.where_chapter": {"pl": "rozdz. {number} ({title})", "en": "chapter {number} ({title})"},
    "readiness.where_files": {"pl": "w plikach: {files}", "en": "in the files: {files}"},
    "readiness.kind_missing": {
        "pl": "brak sekcji „{kind}” ({kind}.yaml)",
        "en": "section '{kind}' is missing ({kind}.yaml)",
    },
    "readiness.diagnosis_gaps": {
        "pl": "diagnoza nie obejmuje: {gaps} (dodaj rozdział albo wskaż zakres w polu „covers” rozdziału)",
        "en": "the diagnosis does not cover: {gaps} (add a chapter or name it in a chapter's 'covers')",
    },
    "readiness.dimensions_missing": {
        "pl": "brak celu strategicznego w wymiarze: {missing}",
        "en": "no strategic goal in the dimension: {missing}",
    },
    "readiness.goals_without_directions": {
        "pl": "do celów {ids} nie prowadzi żaden kierunek działań",
        "en": "no direction of action serves the goals {ids}",
    },
    "readiness.no_results": {
        "pl": "żaden cel strategiczny nie ma oczekiwanych rezultatów („results”)",
        "en": "no strategic goal has expected results ('results')",
    },
    "readiness.no_spatial_result": {
        "pl": "brak rezultatu w wymiarze przestrzennym („spatial: true”)",
        "en": "no result in the spatial dimension ('spatial: true')",
    },
    "readiness.results_without_indicators": {
        "pl": "rezultaty bez wskaźników osiągnięcia w celach: {ids}",
        "en": "results without indicators of achievement in the goals: {ids}",
    },
    "readiness.no_model": {
        "pl": "brak modelu struktury funkcjonalno-przestrzennej („model” w spatial.yaml)",
        "en": "the model of the functional-spatial structure is missing ('model' in spatial.yaml)",
    },
    "readiness.model_empty": {
        "pl": "model struktury funkcjonalno-przestrzennej nie ma opisu",
        "en": "the model of the functional-spatial structure has no description",
    },
    "readiness.no_recommendations": {
        "pl": "brak ustaleń i rekomendacji („recommendations” w spatial.yaml)",
        "en": "no findings and recommendations ('recommendations' in spatial.yaml)",
    },
    "readiness.no_regional_osi": {
        "pl": "brak OSI określonych w strategii województwa („regional” w areas.yaml)",
        "en": "no areas of strategic intervention of the voivodeship strategy ('regional' in areas.yaml)",
    },
    "readiness.osi_without_scope": {
        "pl": "OSI bez zakresu planowanych działań: {ids}",
        "en": "areas of strategic intervention without the scope of planned actions: {ids}",
    },
    "readiness.local_osi_none": {
        "pl": "nie zidentyfikowano; przepis wymaga ich określenia, jeżeli takie zidentyfikowano",
        "en": "none identified; the law requires them where identified",
    },
    "readiness.implementation_empty": {
        "pl": "brak opisu systemu realizacji",
        "en": "the implementation system is not described",
    },
    "readiness.no_guidelines": {
        "pl": "brak wytycznych do sporządzania dokumentów wykonawczych („guidelines”)",
        "en": "no guidelines for implementing documents ('guidelines')",
    },
    "readiness.no_funding": {
        "pl": "żadne przedsięwzięcie nie ma źródeł finansowania, więc ram finansowych nie można wyliczyć",
        "en": "no investment has funding sources, so the financial framework cannot be computed",
    },
    "readiness.no_map": {
        "pl": "brak mapy (wpis w „maps” w {section}.yaml z „kind: {kind}”, plikiem i tekstem alternatywnym)",
        "en": "no map (an entry of 'maps' in {section}.yaml with 'kind: {kind}', a file and alternative text)",
    },
    "readiness.map_not_needed": {
        "pl": "nie dotyczy: nie zidentyfikowano OSI kluczowych dla obszaru",
        "en": "not applicable: no areas of local importance were identified",
    },
    "readiness.basis_not_voivodeship": {
        "pl": "podstawa wyznaczenia nie wskazuje strategii rozwoju województwa: {ids}",
        "en": "the basis does not name the voivodeship development strategy: {ids}",
    },
    "readiness.evaluation_gaps": {
        "pl": "ewaluacja ex ante bez: {fields}",
        "en": "the ex-ante evaluation lacks: {fields}",
    },
    "readiness.consultation_no_website": {
        "pl": "konsultacji nie ogłoszono na stronie internetowej",
        "en": "the consultation was not announced on the website",
    },
    "readiness.consultation_short": {
        "pl": "termin na uwagi to {days} {days:plural:dzień|dni|dni} od ogłoszenia, a wymagane jest co najmniej 35",
        "en": "the term for comments is {days} {days:plural:day|days} from the announcement; at least 35 are required",
    },
    "readiness.consultation_bodies": {
        "pl": "nie konsultowano z: {bodies}",
        "en": "not consulted: {bodies}",
    },
    "readiness.no_consultation": {
        "pl": "konsultacji jeszcze nie przeprowadzono (brak sekcji consultation)",
        "en": "the consultation has not been held yet (no consultation section)",
    },
    "readiness.no_comments": {
        "pl": "w konsultacjach nie zgłoszono uwag",
        "en": "no comments were submitted in the consultation",
    },
    "readiness.comments_open": {
        "pl": "{count} {count:plural:uwaga czeka|uwagi czekają|uwag czeka} na rozstrzygnięcie: {ids}",
        "en": "{count} {count:plural:comment awaits|comments await} a decision: {ids}",
    },
    "readiness.comments_unjustified": {
        "pl": "rozstrzygnięcia bez uzasadnienia: {ids}",
        "en": "decisions without a justification: {ids}",
    },
    "readiness.needs_gaps": {
        "pl": "brak analizy: {gaps}",
        "en": "no analysis of: {gaps}",
    },
    "readiness.directions_without_conclusions": {
        "pl": "kierunki niepowiązane z wnioskami z diagnozy: {ids}",
        "en": "directions not linked to conclusions of the diagnosis: {ids}",
    },
    "readiness.no_joint_investment": {
        "pl": "żadne przedsięwzięcie nie ma partnerów (brak przedsięwzięć wspólnych)",
        "en": "no investment has partners (no joint investments)",
    },
    "readiness.no_partner_seats": {
        "pl": "w Radzie Partnerstwa nie ma przedstawicieli mieszkańców, organizacji pozarządowych, przedsiębiorców ani LGD",
        "en": "the council has no representatives of residents, NGOs, business or the LAG",
    },
    # --- the submission package --------------------------------------------------------
    "package.not_final": {
        "pl": "Pakiet do przekazania tworzy się tylko z wersji ostatecznej; wersja {version} ma status „{status}”.",
        "en": "A submission package is made only from a final version; version {version} has status '{status}'.",
    },
    "package.not_final.hint": {
        "pl": "Wydaj najpierw wersję ostateczną (status: final).",
        "en": "Release the final version first (status: final).",
    },
    "package.release_unusable": {
        "pl": "Nie można użyć wydania {folder}: {reason}",
        "en": "The release {folder} cannot be used: {reason}",
    },
    "package.release_unusable.hint": {
        "pl": "Folder wydania musi być taki, jak zapisało go polecenie release (sprawdź: python build_strategy.py verify).",
        "en": "The release folder must be as the release command wrote it (check with: python build_strategy.py verify).",
    },
    "package.source_release": {
        "pl": "Dokumenty z wydania: {folder}",
        "en": "Documents from the release: {folder}",
    },
    "package.source_built": {
        "pl": "Nie ma wydania v{version}; dokumenty zbudowano z sekcji.",
        "en": "There is no release v{version}; the documents were built from the sections.",
    },
    "package.failed": {
        "pl": "Pakietu nie utworzono ({reason}); poprzedni plik pozostał bez zmian.",
        "en": "The package was not made ({reason}); the previous file is unchanged.",
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
