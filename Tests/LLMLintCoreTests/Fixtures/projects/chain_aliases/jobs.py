from service import Writer


def nightly(writer: Writer):
    return writer._draft("x")
