# Names that the Anthropic, OpenAI, instructor, Together and Ollama rules use, in a file importing none of them.
import analytics


def calls(client, runner, params, processor, speech, thread):
    analytics.sessions.events.send("page_view")  # look-alike: an analytics session, no anthropic import
    client.sessions.events.send("x")  # look-alike: no anthropic import
    thread.send("x")  # look-alike: no anthropic import
    runner.run(client, params)  # look-alike: no openai import
    client.live.connect()  # look-alike: no openai import
    processor.submit_batch("b.jsonl")  # look-alike: no instructor import
    client.beta.realtime.transcription(model="m")  # look-alike: no together import
    client.systemone(state={})  # look-alike: no ollama import
