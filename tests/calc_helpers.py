"""Asking the assistant a numeric question in tests: the answer must come from the calculator."""


def calc(assistant, question):
    answer = assistant.ask(question)
    assert answer.route == "calculator", (question, answer.route, answer.answer)
    return answer


def figure(assistant, question):
    """The computed result of a question that must get a figure."""
    answer = calc(assistant, question)
    assert answer.result is not None, (question, answer.answer)
    return answer.result
