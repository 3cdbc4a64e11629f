/* dpgone - the library missingdep needs; the test hides it. */
int dpgone_answer(void);
int dpgone_answer(void)
{
	return 42;
}
