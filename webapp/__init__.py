"""The chat app's logic without Streamlit: views of units and tables, the conversation, UI texts."""
