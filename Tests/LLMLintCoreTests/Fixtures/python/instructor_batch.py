# instructor's BatchProcessor submits a batch job of model requests; an instructor client's `chat` is the client.
import instructor
from instructor.batch import BatchProcessor
from openai import OpenAI

client = instructor.from_openai(OpenAI())


def batches(messages):
    processor = BatchProcessor("openai/gpt-4o-mini", User)
    processor.create_batch_from_messages(file_path="b.jsonl", messages_list=messages)
    batch_id = processor.submit_batch(file_path="b.jsonl")  # expect: instructor-batch
    BatchProcessor("anthropic/claude", User).submit_batch("b.jsonl")  # expect: instructor-batch
    status = processor.get_batch_status(batch_id)
    judged = client.chat.create(model="gpt-4o-mini", response_model=User, messages=[])  # expect: instructor-client
    with tracker.track_llm_call(provider="openai"):
        processor.submit_batch(file_path="b.jsonl")


def look_alikes(jobs, room):
    jobs.submit_batch(["a"])  # look-alike: not an instructor BatchProcessor
    room.chat.create(text="x")  # look-alike: not an instructor client
