#include <cstdio>

int main()
{
  std::puts("placeholder");
}
