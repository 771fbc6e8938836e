"""The applicant's rights under the PDPL: the data-access answer and the retention erasure."""
