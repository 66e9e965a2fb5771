def summarize(text):
    return text[:100]
