"""The applicant's file: household, needs scoring, file status, re-study, home visits, duplicates and the spreadsheet import."""
