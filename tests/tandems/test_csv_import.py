from tandems.csv_import import decode, parse

HEADER = "kind,name,email,consent_basis,consent_date\n"


def test_parse_semicolon_file_from_spreadsheet():
    data = (
        "kind;name;email;consent_basis\n"
        "target_group;Ana Horvat;ana@games.example;legitimate_interest\n"
    )

    parsed = parse(data.encode("utf-8-sig"))

    assert (parsed.delimiter, parsed.errors, [r["email"] for r in parsed.rows]) == (
        ";",
        [],
        ["ana@games.example"],
    )


def test_parse_unterminated_quote_is_reported_with_line():
    data = HEADER + 'target_group,"Ana Horvat,ana@games.example,consent,2024-01-01\n'

    parsed = parse(data.encode())

    assert [(e.line, e.field) for e in parsed.errors] == [(2, "")]


def test_parse_bytes_that_are_neither_utf8_nor_cp1252_are_reported():
    data = HEADER.encode() + b"target_group,Bad \x81 byte,b@example.org,consent,2024-01-01\n"

    parsed = parse(data)

    assert [(e.line, e.field) for e in parsed.errors] == [(2, "")]
    assert "neither UTF-8 nor Windows-1252" in parsed.errors[0].message


def test_parse_missing_and_unknown_columns():
    parsed = parse(b"name,e-mail address\nAna,ana@example.org\n")

    assert [(e.line, e.field) for e in parsed.errors] == [
        (1, "kind"),
        (1, "email"),
        (1, "consent_basis"),
        (1, "e-mail_address"),
    ]


def test_parse_wrong_number_of_fields():
    parsed = parse((HEADER + "target_group,Ana,ana@example.org\n").encode())

    assert [(e.line, e.message) for e in parsed.errors] == [(2, "Expected 5 fields, found 3.")]


def test_parse_header_only_file():
    parsed = parse(HEADER.encode())

    assert [(e.line, e.message) for e in parsed.errors] == [
        (2, "The file has a header but no contacts.")
    ]


def test_parse_consent_without_date_is_an_error():
    parsed = parse((HEADER + "expert,Irene,irene@fh.example,consent,\n").encode())

    assert [(e.line, e.field) for e in parsed.errors] == [(2, "consent_date")]


def test_parse_accepts_labels_and_day_first_dates():
    parsed = parse((HEADER + "Expert,Irene,Irene@FH.example,Consent,01.03.2024\n").encode())

    (row,) = parsed.rows
    assert (parsed.errors, row["kind"], row["email"], row["consent_date"].isoformat()) == (
        [],
        "expert",
        "irene@fh.example",
        "2024-03-01",
    )


def test_decode_utf16_with_bom():
    text, encoding = decode("kind,name\n".encode("utf-16"))

    assert (text, encoding) == ("kind,name\n", "utf-16")
