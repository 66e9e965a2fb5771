# The SDK's agent loops in openai.lib call the Responses API until done; the Live API opens a session.
from openai import AsyncOpenAI, OpenAI
from openai.lib.computer import ComputerToolset
from openai.lib.decisions_tool_runner import AsyncDecisionsToolRunner
from openai.lib.responses_tool_runner import AsyncResponsesToolRunner, ResponsesToolRunner

client = OpenAI()


async def loops(reader, aclient: AsyncOpenAI, params):
    result = await AsyncResponsesToolRunner(browser=reader).run(aclient, params)  # expect: openai-tool-runners
    runner = AsyncDecisionsToolRunner(observe=print, candidates=[], verify=print)
    await runner.run(aclient, params, max_steps=3)  # expect: openai-tool-runners
    sync = ResponsesToolRunner(browser=reader)
    sync.run(client, params)  # expect: openai-tool-runners
    ComputerToolset(driver=reader).run(client, params)  # expect: openai-tool-runners
    async with aclient.live.connect(max_retries=0) as connection:  # expect: openai-realtime
        await connection.session.start(session={"model": "m"})
    with tracker.track_llm_call(provider="openai"):
        sync.run(client, params)


def look_alikes(app, pool, parser):
    app.run()  # look-alike: an app's run
    pool.run(client, params)  # look-alike: not a tool runner
    parser.run(client)  # look-alike: not a tool runner
    app.live.reload()  # look-alike: not the Live API
