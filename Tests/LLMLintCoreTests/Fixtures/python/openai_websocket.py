from openai import AsyncOpenAI, OpenAI

client = OpenAI()
aclient = AsyncOpenAI()


async def sessions():
    with client.responses.connect(model="gpt-4.1") as connection:  # expect: openai-realtime
        connection.send({"type": "response.create"})
    async with aclient.beta.responses.connect(model="gpt-4.1") as connection:  # expect: openai-realtime
        await connection.send({"type": "response.create"})
    async with aclient.realtime.connect(model="gpt-realtime") as connection:  # expect: openai-realtime
        await connection.response.create()
    with tracker.track_llm_call(provider="openai"):
        with client.responses.connect(model="gpt-4.1") as connection:
            connection.send({"type": "response.create"})


def look_alikes(db):
    db.connect(dsn="x")  # look-alike: a database
    db.connections.connect()  # look-alike: not the responses resource
